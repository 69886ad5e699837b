"""Refunds: SUCCEEDED -> REFUNDED, by admins; the event after commit. No GraphQL.

State lives in ``payments.payment``; the Redis event on ``payment:<id>`` is only a
notification (``persistence.events``), published by ``UnitOfWork.after_commit``. Stripe
refunds come later; this is the state change and its live notification.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import select

from auth.principal import Principal
from persistence import events
from subgraphs.payments.models import Payment
from subgraphs.shared.context import UnitOfWork


class PaymentErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_TRANSITION = "INVALID_TRANSITION"


@dataclass(frozen=True)
class Failure:
    code: PaymentErrorCode
    message: str


async def refund(uow: UnitOfWork, actor: Principal, payment_id: str,
                 publisher=None) -> tuple[Payment | None, Failure | None]:
    """Refund one succeeded payment; on failure nothing changes."""
    if not actor.is_admin:
        return None, Failure(PaymentErrorCode.FORBIDDEN, "only admins refund payments")
    query = select(Payment).where(Payment.id == payment_id).with_for_update()
    payment = (await uow.exec(query)).first()
    if payment is None:
        return None, Failure(PaymentErrorCode.NOT_FOUND, "payment not found")
    if payment.status != "SUCCEEDED":
        return None, Failure(PaymentErrorCode.INVALID_TRANSITION,
                             f"cannot refund a {payment.status.lower()} payment")
    payment.status = "REFUNDED"
    uow.session.add(payment)
    await uow.flush()
    if publisher is not None:
        payload = {"type": "PaymentStatusChanged", "paymentId": payment_id, "status": "REFUNDED"}
        uow.after_commit(lambda: publisher([f"payment:{payment_id}"], payload))
    return payment, None


def redis_publisher(redis, prefix: str):
    if redis is None:
        return None
    return lambda topics, payload: events.publish(redis, prefix, topics, payload)
