"""Order fulfilment: PAID -> SHIPPED -> DELIVERED, by admins; the event after commit. No GraphQL.

State lives in ``commerce.order``; the Redis event on ``order:<id>`` is only a notification
(``persistence.events``), published by ``UnitOfWork.after_commit``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import select

from auth.principal import Principal
from persistence import events
from subgraphs.commerce.models import Order
from subgraphs.shared.context import UnitOfWork


class FulfilmentErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_TRANSITION = "INVALID_TRANSITION"


NEXT_STATUS = {"SHIPPED": "PAID", "DELIVERED": "SHIPPED"}  # to -> required current status


@dataclass(frozen=True)
class Failure:
    code: FulfilmentErrorCode
    message: str


async def move(uow: UnitOfWork, actor: Principal, order_id: str, to: str,
               publisher=None) -> tuple[Order | None, Failure | None]:
    """Move one order to ``to``; on failure nothing changes. ``publisher(topics, payload)``."""
    if not actor.is_admin:
        return None, Failure(FulfilmentErrorCode.FORBIDDEN, "only admins fulfil orders")
    order = (await uow.exec(select(Order).where(Order.id == order_id).with_for_update())).first()
    if order is None:
        return None, Failure(FulfilmentErrorCode.NOT_FOUND, "order not found")
    if order.status != NEXT_STATUS[to]:
        return None, Failure(FulfilmentErrorCode.INVALID_TRANSITION,
                             f"cannot go from {order.status} to {to}")
    order.status = to
    uow.session.add(order)
    await uow.flush()
    if publisher is not None:
        payload = {"type": "OrderStatusChanged", "orderId": order_id, "status": to}
        uow.after_commit(lambda: publisher([f"order:{order_id}"], payload))
    return order, None


def redis_publisher(redis, prefix: str):
    if redis is None:
        return None
    return lambda topics, payload: events.publish(redis, prefix, topics, payload)
