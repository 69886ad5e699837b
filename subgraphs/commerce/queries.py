"""commerce Query fields."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.commerce import repository as repo
from subgraphs.commerce.context import loaders
from subgraphs.commerce.service.paging import clamp_page
from subgraphs.commerce.types import Order, Product, ProductCategory


@strawberry.type
class Query:
    @strawberry.field(description="The public catalogue, by name.")
    async def products(self, info: Info, category: ProductCategory | None = None,
                       first: int = 20) -> list[Product]:
        rows = await repo.list_products(info.context.uow, info.context.principal,
                                        category.value if category else None,
                                        clamp_page(first))
        return [Product.from_row(r) for r in rows]

    @strawberry.field
    async def product(self, info: Info, id: strawberry.ID) -> Product | None:
        row = await loaders(info).product_by_id.load(id)
        return Product.from_row(row) if row else None

    @strawberry.federation.field(authenticated=True, requires_scopes=[["orders:read"]])
    async def order(self, info: Info, id: strawberry.ID) -> Order | None:
        info.context.require_user()
        row = await loaders(info).order_by_id.load(id)
        return Order.from_row(row) if row else None

    @strawberry.federation.field(authenticated=True, requires_scopes=[["orders:read"]],
                                 description="The caller's orders, newest first.")
    async def my_orders(self, info: Info, first: int = 20) -> list[Order]:
        user = info.context.require_user()
        rows = await repo.orders_of_owner(info.context.uow, info.context.principal, user,
                                          clamp_page(first))
        return [Order.from_row(r) for r in rows]
