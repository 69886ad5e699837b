"""Accounts repository: look-ups used by token issuance."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from auth.models import Account


async def account_by_email(engine: AsyncEngine, email: str) -> Account | None:
    async with AsyncSession(engine) as session:
        result = await session.exec(select(Account).where(Account.email == email.lower()))
        return result.first()
