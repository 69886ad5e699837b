"""accounts Query fields."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.accounts.context import loaders
from subgraphs.accounts.types import Account


@strawberry.type
class Query:
    @strawberry.federation.field(authenticated=True,
                                 description="The signed-in account.")
    async def my_account(self, info: Info) -> Account | None:
        user = info.context.require_user()
        row = await loaders(info).account_by_id.load(user)
        return Account.from_row(row) if row else None
