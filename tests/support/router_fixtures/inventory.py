"""inventory: Product stock and a shipping estimate that ``@requires`` price and weight."""

from typing import Optional

import strawberry
from starlette.applications import Starlette
from strawberry.federation import Schema

from tests.support.router_fixtures.store import Store, store_of, subgraph_app


@strawberry.federation.type(keys=["upc"])
class Product:
    upc: str
    price: Optional[int] = strawberry.federation.field(external=True)
    weight: Optional[int] = strawberry.federation.field(external=True)

    @strawberry.field
    def in_stock(self, info: strawberry.Info) -> bool:
        return next(r["in_stock"] for r in store_of(info).products if r["upc"] == self.upc)

    @strawberry.federation.field(requires=["price weight"])
    def shipping_estimate(self) -> Optional[int]:
        if self.price is None or self.weight is None:
            return None
        return 0 if self.price > 25 else self.weight * 2

    @classmethod
    def resolve_reference(
        cls, upc: str, price: Optional[int] = None, weight: Optional[int] = None
    ) -> "Product":
        return Product(upc=upc, price=price, weight=weight)


@strawberry.type
class Query:
    @strawberry.field
    def inventory_size(self, info: strawberry.Info) -> int:
        return len(store_of(info).products)


@strawberry.type
class Mutation:
    @strawberry.mutation
    def restock(self, info: strawberry.Info, upc: str) -> Optional[Product]:
        store = store_of(info)
        store.mutation_log.append(f"restock:{upc}")
        for row in store.products:
            if row["upc"] == upc:
                row["in_stock"] = True
                return Product(upc=upc, price=None, weight=None)
        return None


schema = Schema(query=Query, mutation=Mutation, types=[Product], federation_version="2.9")


def create_app(store: Store) -> Starlette:
    return subgraph_app(schema, store)
