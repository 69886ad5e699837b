"""payments Mutation fields: refunds (admin only; payload errors)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.payments.inputs import PaymentRefundInput
from subgraphs.payments.payloads import PaymentError, PaymentRefundPayload
from subgraphs.payments.service import refunds
from subgraphs.payments.types import Payment
from subgraphs.shared.events import publisher_of


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Refund a succeeded payment (admins).")
    async def payment_refund(self, info: Info, input: PaymentRefundInput) -> PaymentRefundPayload:
        ctx = info.context
        ctx.require_user()
        row, failure = await refunds.refund(ctx.uow, ctx.principal, str(input.payment_id),
                                            publisher_of(ctx.resources))
        return PaymentRefundPayload(payment=Payment.from_row(row) if row else None,
                                    errors=PaymentError.list_of(failure))
