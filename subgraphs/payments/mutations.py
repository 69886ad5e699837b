"""payments Mutation fields: refunds (admin only; payload errors)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.payments.refunds import PaymentErrorCode, redis_publisher, refund
from subgraphs.payments.types import Payment

ErrorCodeType = strawberry.enum(PaymentErrorCode, name="PaymentErrorCode")


@strawberry.type
class PaymentError:
    code: ErrorCodeType
    field: str | None
    message: str


@strawberry.type
class PaymentRefundPayload:
    payment: Payment | None
    errors: list[PaymentError]


@strawberry.input
class PaymentRefundInput:
    payment_id: strawberry.ID


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Refund a succeeded payment (admins).")
    async def payment_refund(self, info: Info, input: PaymentRefundInput) -> PaymentRefundPayload:
        ctx = info.context
        ctx.require_user()
        publisher = redis_publisher(getattr(ctx.resources, "redis", None),
                                    getattr(ctx.resources, "redis_prefix", ""))
        row, failure = await refund(ctx.uow, ctx.principal, str(input.payment_id), publisher)
        if failure:
            error = PaymentError(code=failure.code, field="paymentId", message=failure.message)
            return PaymentRefundPayload(payment=None, errors=[error])
        return PaymentRefundPayload(payment=Payment.from_row(row), errors=[])
