"""accounts GraphQL types: the Account entity, issued tokens, payloads and their errors."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from auth.models import Account as AccountRow
from subgraphs.accounts.errors import AccountErrorCode as Code
from subgraphs.accounts.errors import Problem
from subgraphs.accounts.service import Session

AccountErrorCode = strawberry.enum(Enum("AccountErrorCode", {c.name: c.value for c in Code}),
                                   name="AccountErrorCode")


@strawberry.federation.type(keys=["id"])
class Account:
    id: strawberry.ID
    email: str
    display_name: str
    roles: list[str]
    clinic_id: strawberry.ID | None

    @classmethod
    def from_row(cls, row: AccountRow) -> "Account":
        return cls(id=strawberry.ID(str(row.id)), email=row.email, display_name=row.display_name,
                   roles=list(row.roles),
                   clinic_id=strawberry.ID(str(row.clinic_id)) if row.clinic_id else None)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Account | None":
        row = await info.context.loaders.account_by_id.load(id)
        return cls.from_row(row) if row else None


@strawberry.type(description="Tokens for a signed-in session. Send the access token as "
                             "`Authorization: Bearer`; trade the refresh token (once) for new ones.")
class AuthTokens:
    access_token: str
    access_token_expires_at: datetime
    refresh_token: str
    refresh_token_expires_at: datetime
    token_type: str = "Bearer"

    @classmethod
    def from_session(cls, session: Session) -> "AuthTokens":
        return cls(access_token=session.access_token,
                   access_token_expires_at=session.access_expires_at,
                   refresh_token=session.refresh_token,
                   refresh_token_expires_at=session.refresh_expires_at)


@strawberry.type
class AccountError:
    code: AccountErrorCode  # type: ignore[valid-type]
    field: str | None
    message: str

    @classmethod
    def from_problem(cls, problem: Problem) -> "AccountError":
        return cls(code=AccountErrorCode(problem.code.value), field=problem.field,
                   message=problem.message)


@strawberry.type
class SessionPayload:
    """Shared shape of register / login / refresh results."""

    account: Account | None
    tokens: AuthTokens | None
    errors: list[AccountError]

    @classmethod
    def build(cls, session: Session | None, problems: list[Problem]):
        if session is None:
            return cls(account=None, tokens=None,
                       errors=[AccountError.from_problem(p) for p in problems])
        return cls(account=Account.from_row(session.account),
                   tokens=AuthTokens.from_session(session), errors=[])


@strawberry.type
class AccountRegisterPayload(SessionPayload):
    pass


@strawberry.type
class AccountLoginPayload(SessionPayload):
    pass


@strawberry.type
class AccountTokenRefreshPayload(SessionPayload):
    pass


@strawberry.type
class AccountLogoutPayload:
    errors: list[AccountError]
