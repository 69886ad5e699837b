"""commerce Mutation fields: order fulfilment transitions (admin only; payload errors)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.commerce.inputs import OrderTransitionInput
from subgraphs.commerce.payloads import OrderError, OrderTransitionPayload
from subgraphs.commerce.service import fulfilment
from subgraphs.commerce.types import Order
from subgraphs.shared.events import publisher_of


async def _apply(info: Info, order_id: strawberry.ID, to: str) -> OrderTransitionPayload:
    ctx = info.context
    ctx.require_user()
    row, failure = await fulfilment.move(ctx.uow, ctx.principal, str(order_id), to,
                                         publisher_of(ctx.resources))
    return OrderTransitionPayload(order=Order.from_row(row) if row else None,
                                  errors=OrderError.list_of(failure))


@strawberry.type
class Mutation:
    @strawberry.mutation(description="A paid order leaves the warehouse (admins).")
    async def order_ship(self, info: Info, input: OrderTransitionInput) -> OrderTransitionPayload:
        return await _apply(info, input.order_id, "SHIPPED")

    @strawberry.mutation(description="A shipped order arrived (admins).")
    async def order_deliver(self, info: Info, input: OrderTransitionInput
                            ) -> OrderTransitionPayload:
        return await _apply(info, input.order_id, "DELIVERED")
