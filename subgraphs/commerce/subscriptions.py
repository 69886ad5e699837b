"""commerce Subscription fields: live order status (events are notifications; rows re-read)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.types import Info

from subgraphs.commerce import repository as repo
from subgraphs.commerce.types import Order
from subgraphs.shared.errors import not_found
from subgraphs.shared.live import events, read_one


async def _read(ctx, order_id: str):
    return await read_one(ctx, repo.orders_by_ids, order_id)


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
