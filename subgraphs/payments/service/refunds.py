"""Refunds: SUCCEEDED -> REFUNDED, by admins; the event after commit.

State lives in ``payments.payment``; the Redis event on ``payment:<id>`` is only a
notification (``persistence.events``), published once the request's transaction committed.
Stripe refunds come later; this is the state change and its live notification.
"""

from __future__ import annotations

from auth.principal import Principal
from subgraphs.payments import repository as repo
from subgraphs.payments.errors import PaymentErrorCode
from subgraphs.payments.models import Payment
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.events import Publisher, guarded_move
from subgraphs.shared.payloads import Failure

FIELD = "paymentId"  # the input field every refund failure is about


async def refund(uow: UnitOfWork, actor: Principal, payment_id: str,
                 publisher: Publisher | None = None) -> tuple[Payment | None, Failure | None]:
    """Refund one succeeded payment; on failure nothing changes.

    The admin check comes before the row is read (a non-admin learns nothing about it).
    """
    if not actor.is_admin:
        return None, Failure(PaymentErrorCode.FORBIDDEN, "only admins refund payments",
                             field=FIELD)

    def check(payment: Payment) -> Failure | None:
        if payment.status != "SUCCEEDED":
            return Failure(PaymentErrorCode.INVALID_TRANSITION,
                           f"cannot refund a {payment.status.lower()} payment", field=FIELD)
        return None

    def event(_payment: Payment) -> tuple[list[str], dict]:
        return [f"payment:{payment_id}"], {"type": "PaymentStatusChanged",
                                           "paymentId": payment_id, "status": "REFUNDED"}

    return await guarded_move(
        uow, load=lambda: repo.payment_for_update(uow, payment_id),
        missing=Failure(PaymentErrorCode.NOT_FOUND, "payment not found", field=FIELD),
        check=check, write=lambda payment: repo.set_payment_status(uow, payment, "REFUNDED"),
        event=event, publisher=publisher)
