"""commerce product statements. The catalogue is public: every caller sees every product."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import true
from sqlmodel import col, select

from auth.principal import Principal
from subgraphs.commerce.models import Product
from subgraphs.shared.context import UnitOfWork


def products_visible_to(principal: Principal):
    """Products ``principal`` may read: all of them (anonymous callers included)."""
    return true()


async def products_by_ids(uow: UnitOfWork, principal: Principal,
                          ids: Sequence[str]) -> list[Product]:
    query = select(Product).where(col(Product.id).in_(ids), products_visible_to(principal))
    return list((await uow.exec(query)).all())


async def list_products(uow: UnitOfWork, principal: Principal, category: str | None,
                        first: int) -> list[Product]:
    query = (select(Product).where(products_visible_to(principal))
             .order_by(col(Product.name), col(Product.id)).limit(first))
    if category:
        query = query.where(Product.category == category)
    return list((await uow.exec(query)).all())


async def food_catalog(uow: UnitOfWork, principal: Principal) -> list[Product]:
    """Every over-the-counter food product (a shop's food range is small: suggestions filter
    and order it in memory, ``service.suggestions.FoodRange``)."""
    query = select(Product).where(Product.category == "FOOD",
                                  col(Product.prescription_only).is_(False),
                                  products_visible_to(principal))
    return list((await uow.exec(query)).all())
