"""commerce Subscription fields: live order status (events are notifications; rows re-read)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.types import Info

from subgraphs.commerce import repository as repo
from subgraphs.commerce.types import Order
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.errors import not_found
from subgraphs.shared.live import events


async def _read(ctx, order_id: str):
    """The order as the subscriber may see it now (a fresh transaction per event)."""
    uow = UnitOfWork(ctx.resources.engine)
    try:
        rows = await repo.orders_by_ids(uow, ctx.principal, [order_id])
    finally:
        await uow.finish(commit=False)
    return rows[0] if rows else None


@strawberry.type
class Subscription:
    @strawberry.federation.field(is_subscription=True, requires_scopes=[["orders:read"]],
                                 description="The order after each status change.")
    async def order_status_changed(self, info: Info, order_id: strawberry.ID
                                   ) -> AsyncGenerator[Order, None]:
        ctx = info.context
        ctx.require_user()
        if await _read(ctx, str(order_id)) is None:
            raise not_found("order")
        async for _event in events(ctx, f"order:{order_id}"):
            row = await _read(ctx, str(order_id))
            if row is None:  # access lost: end the stream
                return
            yield Order.from_row(row)
