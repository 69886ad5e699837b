"""Accounts: visible reads, the sign-in and refresh look-ups, sign-up. Never commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import false, true
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select

from auth.principal import Principal
from subgraphs.accounts.models import Account
from subgraphs.shared.context import UnitOfWork


def accounts_visible_to(principal: Principal):
    """Deny by default: an account is visible to itself and to admins."""
    if principal.is_admin:
        return true()
    if principal.user_id:
        return Account.id == principal.user_id
    return false()


async def accounts_by_ids(uow: UnitOfWork, principal: Principal,
                          ids: Sequence[str]) -> list[Account]:
    query = select(Account).where(col(Account.id).in_(ids), accounts_visible_to(principal))
    return list((await uow.exec(query)).all())


async def account_by_email(uow: UnitOfWork, email: str) -> Account | None:
    """Sign-in look-up by the normalised (lower-case) email; no principal yet: the password
    decides (or, for ``pawgraph token``, the development instance's operator)."""
    return (await uow.exec(select(Account).where(Account.email == email))).first()


async def account_by_id_for_refresh(uow: UnitOfWork, account_id: uuid.UUID) -> Account | None:
    """Look-up authorised by a valid refresh token (no principal)."""
    return (await uow.exec(select(Account).where(Account.id == account_id))).first()


async def insert_account(uow: UnitOfWork, account: Account) -> bool:
    """False when the email is taken (no exception: the transaction stays usable)."""
    values = account.model_dump(exclude={"created_at"})
    statement = (insert(Account).values(**values)
                 .on_conflict_do_nothing(index_elements=[Account.email])
                 .returning(col(Account.id)))
    return (await uow.exec(statement)).first() is not None
