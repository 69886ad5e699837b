"""Order fulfilment: PAID -> SHIPPED -> DELIVERED, by admins; the event after commit.

State lives in ``commerce.order``; the Redis event on ``order:<id>`` is only a notification
(``persistence.events``), published once the request's transaction committed.
"""

from __future__ import annotations

from auth.principal import Principal
from subgraphs.commerce import repository as repo
from subgraphs.commerce.errors import OrderErrorCode
from subgraphs.commerce.models import Order
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.events import Publisher, guarded_move
from subgraphs.shared.payloads import Failure

NEXT_STATUS = {"SHIPPED": "PAID", "DELIVERED": "SHIPPED"}  # to -> required current status
FIELD = "orderId"  # the input field every fulfilment failure is about


async def move(uow: UnitOfWork, actor: Principal, order_id: str, to: str,
               publisher: Publisher | None = None) -> tuple[Order | None, Failure | None]:
    """Move one order to ``to`` (``SHIPPED`` or ``DELIVERED``); on failure nothing changes.

    The admin check comes before the row is read (a non-admin learns nothing about the order).
    """
    if not actor.is_admin:
        return None, Failure(OrderErrorCode.FORBIDDEN, "only admins fulfil orders", field=FIELD)

    def check(order: Order) -> Failure | None:
        if order.status != NEXT_STATUS[to]:
            return Failure(OrderErrorCode.INVALID_TRANSITION,
                           f"cannot go from {order.status} to {to}", field=FIELD)
        return None

    def event(_order: Order) -> tuple[list[str], dict]:
        return [f"order:{order_id}"], {"type": "OrderStatusChanged", "orderId": order_id,
                                       "status": to}

    return await guarded_move(
        uow, load=lambda: repo.order_for_update(uow, order_id),
        missing=Failure(OrderErrorCode.NOT_FOUND, "order not found", field=FIELD),
        check=check, write=lambda order: repo.set_order_status(uow, order, to),
        event=event, publisher=publisher)
