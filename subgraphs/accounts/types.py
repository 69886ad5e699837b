"""accounts GraphQL types: the Account entity and the tokens of a signed-in session."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from subgraphs.accounts import models
from subgraphs.accounts.context import loaders
from subgraphs.accounts.service import Session


@strawberry.federation.type(keys=["id"])
class Account:
    id: strawberry.ID
    email: str
    display_name: str
    roles: list[str]
    clinic_id: strawberry.ID | None

    @classmethod
    def from_row(cls, row: models.Account) -> "Account":
        return cls(id=strawberry.ID(str(row.id)), email=row.email, display_name=row.display_name,
                   roles=list(row.roles),
                   clinic_id=strawberry.ID(str(row.clinic_id)) if row.clinic_id else None)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Account | None":
        row = await loaders(info).account_by_id.load(id)
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
