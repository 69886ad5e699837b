"""payments Query fields."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.payments import repository as repo
from subgraphs.payments.context import loaders
from subgraphs.payments.service.paging import clamp_page
from subgraphs.payments.types import Payment


@strawberry.type
class Query:
    @strawberry.federation.field(authenticated=True, requires_scopes=[["payments:read"]])
    async def payment(self, info: Info, id: strawberry.ID) -> Payment | None:
        info.context.require_user()
        row = await loaders(info).payment_by_id.load(id)
        return Payment.from_row(row) if row else None

    @strawberry.federation.field(authenticated=True, requires_scopes=[["payments:read"]],
                                 description="The caller's payments, newest first.")
    async def my_payments(self, info: Info, first: int = 20) -> list[Payment]:
        user = info.context.require_user()
        rows = await repo.payments_of_owner(info.context.uow, info.context.principal, user,
                                            clamp_page(first))
        return [Payment.from_row(r) for r in rows]
