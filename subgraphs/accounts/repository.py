"""All accounts queries. Never commits (the request boundary does).

Accounts are visible to themselves and to admins (deny by default). Refresh tokens are
claimed with one conditional UPDATE, so two concurrent refreshes of the same token cannot
both succeed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import false, true, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select

from auth.models import Account, AuditEntry, RefreshToken
from auth.principal import Principal
from subgraphs.shared.context import UnitOfWork


def account_visibility(principal: Principal):
    if principal.is_admin:
        return true()
    if principal.user_id:
        return Account.id == principal.user_id
    return false()


async def accounts_by_ids(uow: UnitOfWork, principal: Principal,
                          ids: Sequence[str]) -> list[Account]:
    query = select(Account).where(col(Account.id).in_(ids), account_visibility(principal))
    return list((await uow.exec(query)).all())


async def account_by_email(uow: UnitOfWork, email: str) -> Account | None:
    """Sign-in look-up (no principal yet: the password decides)."""
    return (await uow.exec(select(Account).where(Account.email == email))).first()


async def account_by_id_for_refresh(uow: UnitOfWork, account_id: uuid.UUID) -> Account | None:
    """Look-up authorised by a valid refresh token (no principal)."""
    return (await uow.exec(select(Account).where(Account.id == account_id))).first()


async def insert_account(uow: UnitOfWork, account: Account) -> bool:
    """False when the email is taken (no exception: the transaction stays usable)."""
    values = account.model_dump(exclude={"created_at"})
    statement = (insert(Account).values(**values)
                 .on_conflict_do_nothing(index_elements=[Account.email]).returning(Account.id))
    return (await uow.exec(statement)).first() is not None


async def insert_refresh_token(uow: UnitOfWork, row: RefreshToken) -> None:
    await uow.exec(insert(RefreshToken).values(**row.model_dump(exclude={"created_at"})))


async def claim_refresh_token(uow: UnitOfWork, token_hash: str,
                              now: datetime) -> RefreshToken | None:
    """Mark an unused, unrevoked, unexpired token used; the row, or None."""
    statement = (update(RefreshToken)
                 .where(RefreshToken.token_hash == token_hash,
                        col(RefreshToken.used_at).is_(None), col(RefreshToken.revoked_at).is_(None),
                        RefreshToken.expires_at > now)
                 .values(used_at=now).returning(RefreshToken))
    row = (await uow.exec(statement)).first()
    return row[0] if row else None


async def refresh_token_by_hash(uow: UnitOfWork, token_hash: str) -> RefreshToken | None:
    query = select(RefreshToken).where(RefreshToken.token_hash == token_hash)
    return (await uow.exec(query)).first()


async def revoke_family(uow: UnitOfWork, family_id: uuid.UUID, now: datetime) -> None:
    await uow.exec(update(RefreshToken)
                      .where(RefreshToken.family_id == family_id,
                             col(RefreshToken.revoked_at).is_(None))
                      .values(revoked_at=now))


async def revoke_account_families(uow: UnitOfWork, account_id: str, now: datetime) -> None:
    await uow.exec(update(RefreshToken)
                      .where(RefreshToken.account_id == uuid.UUID(account_id),
                             col(RefreshToken.revoked_at).is_(None))
                      .values(revoked_at=now))


async def append_audit(uow: UnitOfWork, entry: AuditEntry) -> None:
    await uow.exec(insert(AuditEntry).values(**entry.model_dump(exclude={"at"})))


async def audit_entries(uow: UnitOfWork, principal: Principal, first: int) -> list[AuditEntry]:
    if not principal.is_admin:
        return []
    query = select(AuditEntry).order_by(col(AuditEntry.at).desc()).limit(first)
    return list((await uow.exec(query)).all())
