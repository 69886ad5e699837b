"""Refresh tokens: issued, claimed once, revoked per family or per account. Authorised by
possession of the token (only its SHA-256 is stored), never read for a principal, so there
is no visibility hook. A token is claimed with one conditional UPDATE, so two concurrent
refreshes of the same token cannot both succeed. Never commits."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select

from subgraphs.accounts.models import RefreshToken
from subgraphs.shared.context import UnitOfWork


async def insert_refresh_token(uow: UnitOfWork, row: RefreshToken) -> None:
    await uow.exec(insert(RefreshToken).values(**row.model_dump(exclude={"created_at"})))


async def claim_refresh_token(uow: UnitOfWork, token_hash: str,
                              now: datetime) -> RefreshToken | None:
    """Mark an unused, unrevoked, unexpired token used; the row, or None."""
    statement = (update(RefreshToken)
                 .where(col(RefreshToken.token_hash) == token_hash,
                        col(RefreshToken.used_at).is_(None), col(RefreshToken.revoked_at).is_(None),
                        col(RefreshToken.expires_at) > now)
                 .values(used_at=now).returning(RefreshToken))
    row = (await uow.exec(statement)).first()
    return row[0] if row else None


async def refresh_token_by_hash(uow: UnitOfWork, token_hash: str) -> RefreshToken | None:
    query = select(RefreshToken).where(RefreshToken.token_hash == token_hash)
    return (await uow.exec(query)).first()


async def revoke_family(uow: UnitOfWork, family_id: uuid.UUID, now: datetime) -> None:
    await uow.exec(update(RefreshToken)
                   .where(col(RefreshToken.family_id) == family_id,
                          col(RefreshToken.revoked_at).is_(None))
                   .values(revoked_at=now))


async def revoke_account_families(uow: UnitOfWork, account_id: str, now: datetime) -> None:
    await uow.exec(update(RefreshToken)
                   .where(col(RefreshToken.account_id) == uuid.UUID(account_id),
                          col(RefreshToken.revoked_at).is_(None))
                   .values(revoked_at=now))
