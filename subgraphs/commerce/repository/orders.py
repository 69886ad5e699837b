"""commerce order statements: orders and their line items.

Owners see their own orders, admins everything, others nothing (deny by default).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import false, func, true
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from auth.principal import Principal, Role
from subgraphs.commerce.models import Order, OrderItem
from subgraphs.shared.context import UnitOfWork


def orders_visible_to(principal: Principal):
    """Orders ``principal`` may read: owners their own, admins all, others none."""
    if principal.is_admin:
        return true()
    if principal.has_role(Role.OWNER) and principal.user_id:
        return Order.owner_id == principal.user_id
    return false()


async def orders_by_ids(uow: UnitOfWork, principal: Principal, ids: Sequence[str]) -> list[Order]:
    query = select(Order).where(col(Order.id).in_(ids), orders_visible_to(principal))
    return list((await uow.exec(query)).all())


async def newest_orders_by_pet_ids(uow: UnitOfWork, principal: Principal,
                                   pet_ids: Sequence[str], last: int) -> list[Order]:
    """Up to ``last`` visible orders per pet, newest first, in one statement."""
    rank = (func.row_number()
            .over(partition_by=col(Order.pet_id),
                  order_by=(col(Order.created_at).desc(), col(Order.id)))
            .label("rank"))
    ranked = (select(Order, rank)
              .where(col(Order.pet_id).in_(pet_ids), orders_visible_to(principal))
              .subquery())
    row = aliased(Order, ranked)
    query = select(row).where(ranked.c.rank <= last).order_by(ranked.c.pet_id, ranked.c.rank)
    return list((await uow.exec(query)).all())


async def orders_of_owner(uow: UnitOfWork, principal: Principal, owner_id: str,
                          first: int) -> list[Order]:
    query = (select(Order)
             .where(Order.owner_id == owner_id, orders_visible_to(principal))
             .order_by(col(Order.created_at).desc(), col(Order.id)).limit(first))
    return list((await uow.exec(query)).all())


async def items_by_order_ids(uow: UnitOfWork, order_ids: Sequence[str]) -> list[OrderItem]:
    """Items of orders the caller already resolved (visibility is checked on the order)."""
    query = (select(OrderItem).where(col(OrderItem.order_id).in_(order_ids))
             .order_by(col(OrderItem.order_id), col(OrderItem.position)))
    return list((await uow.exec(query)).all())


async def order_for_update(uow: UnitOfWork, order_id: str) -> Order | None:
    """One order, row-locked for the rest of the transaction (fulfilment: the caller checked
    the actor is an admin, who sees every order)."""
    return (await uow.exec(select(Order).where(Order.id == order_id).with_for_update())).first()


async def set_order_status(uow: UnitOfWork, order: Order, status: str) -> None:
    """Write ``status`` on a loaded order (flushed; the request boundary commits)."""
    order.status = status
    uow.session.add(order)
    await uow.flush()
