"""All commerce queries. Reads take the principal and filter in the query; never commits.

Products are public. Orders: owners see their own, admins everything, others nothing (deny by
default).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import false, func, true
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from auth.principal import Principal, Role
from subgraphs.commerce.models import Order, OrderItem, Product
from subgraphs.shared.context import UnitOfWork


def order_visibility(principal: Principal):
    if principal.is_admin:
        return true()
    if principal.has_role(Role.OWNER) and principal.user_id:
        return Order.owner_id == principal.user_id
    return false()


async def products_by_ids(uow: UnitOfWork, ids: Sequence[str]) -> list[Product]:
    return list((await uow.exec(select(Product).where(col(Product.id).in_(ids)))).all())


async def list_products(uow: UnitOfWork, category: str | None, first: int) -> list[Product]:
    query = select(Product).order_by(Product.name, Product.id).limit(first)
    if category:
        query = query.where(Product.category == category)
    return list((await uow.exec(query)).all())


async def food_catalog(uow: UnitOfWork) -> list[Product]:
    """Every over-the-counter food product (a shop's food range is small: suggestions filter
    and order it in memory, ``service.FoodRange``)."""
    query = select(Product).where(Product.category == "FOOD",
                                  col(Product.prescription_only).is_(False))
    return list((await uow.exec(query)).all())


async def orders_by_ids(uow: UnitOfWork, principal: Principal, ids: Sequence[str]) -> list[Order]:
    query = select(Order).where(col(Order.id).in_(ids), order_visibility(principal))
    return list((await uow.exec(query)).all())


async def newest_orders_by_pet_ids(uow: UnitOfWork, principal: Principal,
                                   pet_ids: Sequence[str], last: int) -> list[Order]:
    """Up to ``last`` visible orders per pet, newest first, in one statement."""
    rank = (func.row_number()
            .over(partition_by=Order.pet_id,
                  order_by=(col(Order.created_at).desc(), col(Order.id)))
            .label("rank"))
    ranked = (select(Order, rank)
              .where(col(Order.pet_id).in_(pet_ids), order_visibility(principal))
              .subquery())
    row = aliased(Order, ranked)
    query = select(row).where(ranked.c.rank <= last).order_by(ranked.c.pet_id, ranked.c.rank)
    return list((await uow.exec(query)).all())


async def orders_of_owner(uow: UnitOfWork, principal: Principal, owner_id: str,
                          first: int) -> list[Order]:
    query = (select(Order)
             .where(Order.owner_id == owner_id, order_visibility(principal))
             .order_by(col(Order.created_at).desc(), col(Order.id)).limit(first))
    return list((await uow.exec(query)).all())


async def items_by_order_ids(uow: UnitOfWork, order_ids: Sequence[str]) -> list[OrderItem]:
    """Items of orders the caller already resolved (visibility is checked on the order)."""
    query = (select(OrderItem).where(col(OrderItem.order_id).in_(order_ids))
             .order_by(OrderItem.order_id, OrderItem.position))
    return list((await uow.exec(query)).all())
