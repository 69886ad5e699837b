"""payments payment statements.

Owners see their own payments, admins everything, others nothing (deny by default). "The
payment of X" is the newest payment for X (``DISTINCT ON``, one statement).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.dialects.postgresql import distinct_on
from sqlmodel import col, select

from auth.principal import Principal
from subgraphs.payments.models import Payment
from subgraphs.payments.repository.ownership import owned_by
from subgraphs.shared.context import UnitOfWork


def payments_visible_to(principal: Principal):
    """Payments ``principal`` may read: owners their own, admins all, others none."""
    return owned_by(principal, Payment.owner_id)


async def payments_by_ids(uow: UnitOfWork, principal: Principal,
                          ids: Sequence[str]) -> list[Payment]:
    query = select(Payment).where(col(Payment.id).in_(ids), payments_visible_to(principal))
    return list((await uow.exec(query)).all())


async def newest_payments_by_target(uow: UnitOfWork, principal: Principal, target: str,
                                    ids: Sequence[str]) -> list[Payment]:
    """The newest visible payment per appointment (``target="appointment_id"``) or order."""
    column = col(getattr(Payment, target))
    query = (select(Payment)
             .where(column.in_(ids), payments_visible_to(principal))
             .ext(distinct_on(column))
             .order_by(column, col(Payment.created_at).desc(), col(Payment.id).desc()))
    return list((await uow.exec(query)).all())


async def payments_of_owner(uow: UnitOfWork, principal: Principal, owner_id: str,
                            first: int) -> list[Payment]:
    query = (select(Payment)
             .where(Payment.owner_id == owner_id, payments_visible_to(principal))
             .order_by(col(Payment.created_at).desc(), col(Payment.id)).limit(first))
    return list((await uow.exec(query)).all())


async def payment_for_update(uow: UnitOfWork, payment_id: str) -> Payment | None:
    """One payment, row-locked for the rest of the transaction (refunds: the caller checked
    the actor is an admin, who sees every payment)."""
    query = select(Payment).where(Payment.id == payment_id).with_for_update()
    return (await uow.exec(query)).first()


async def set_payment_status(uow: UnitOfWork, payment: Payment, status: str) -> None:
    """Write ``status`` on a loaded payment (flushed; the request boundary commits)."""
    payment.status = status
    uow.session.add(payment)
    await uow.flush()
