"""accounts input types. None carries a caller id or a role: those come from the token."""

from __future__ import annotations

import strawberry


@strawberry.input
class AccountRegisterInput:
    email: str
    password: str
    display_name: str


@strawberry.input
class AccountLoginInput:
    email: str
    password: str


@strawberry.input
class AccountTokenRefreshInput:
    refresh_token: str


@strawberry.input
class AccountLogoutInput:
    refresh_token: str | None = None
    all_sessions: bool = False
