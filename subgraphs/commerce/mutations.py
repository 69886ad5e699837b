"""commerce Mutation fields: order fulfilment transitions (admin only; payload errors)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.commerce.fulfilment import FulfilmentErrorCode, move, redis_publisher
from subgraphs.commerce.types import Order

ErrorCodeType = strawberry.enum(FulfilmentErrorCode, name="OrderErrorCode")


@strawberry.type
class OrderError:
    code: ErrorCodeType
    field: str | None
    message: str


@strawberry.type
class OrderTransitionPayload:
    order: Order | None
    errors: list[OrderError]


@strawberry.input
class OrderTransitionInput:
    order_id: strawberry.ID


async def _apply(info: Info, order_id: str, to: str) -> OrderTransitionPayload:
    ctx = info.context
    ctx.require_user()
    publisher = redis_publisher(getattr(ctx.resources, "redis", None),
                                getattr(ctx.resources, "redis_prefix", ""))
    row, failure = await move(ctx.uow, ctx.principal, str(order_id), to, publisher)
    if failure:
        error = OrderError(code=failure.code, field="orderId", message=failure.message)
        return OrderTransitionPayload(order=None, errors=[error])
    return OrderTransitionPayload(order=Order.from_row(row), errors=[])


@strawberry.type
class Mutation:
    @strawberry.mutation(description="A paid order leaves the warehouse (admins).")
    async def order_ship(self, info: Info, input: OrderTransitionInput) -> OrderTransitionPayload:
        return await _apply(info, input.order_id, "SHIPPED")

    @strawberry.mutation(description="A shipped order arrived (admins).")
    async def order_deliver(self, info: Info, input: OrderTransitionInput
                            ) -> OrderTransitionPayload:
        return await _apply(info, input.order_id, "DELIVERED")
