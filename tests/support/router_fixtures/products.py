"""products: owns Product (keys ``upc`` and ``sku brand``), top-level product lists."""

from typing import Optional

import strawberry
from starlette.applications import Starlette
from strawberry.federation import Schema

from tests.support.router_fixtures.store import Store, store_of, subgraph_app

_FIELDS = ("upc", "sku", "brand", "name", "price", "weight")


def _product(row: dict) -> "Product":
    return Product(**{k: row[k] for k in _FIELDS})


@strawberry.federation.type(keys=["upc", "sku brand"])
class Product:
    upc: str
    sku: str
    brand: str
    name: Optional[str]
    price: Optional[int]
    weight: Optional[int]

    @classmethod
    def resolve_reference(
        cls, info: strawberry.Info, upc: Optional[str] = None, sku: Optional[str] = None, brand: Optional[str] = None
    ) -> Optional["Product"]:
        for row in store_of(info).products:
            if row["upc"] == upc or (row["sku"] == sku and row["brand"] == brand):
                return _product(row)
        return None


@strawberry.type
class Query:
    @strawberry.field
    def top_products(self, info: strawberry.Info, first: int = 5) -> list[Product]:
        return [_product(row) for row in store_of(info).products[:first]]

    @strawberry.field
    def product(self, info: strawberry.Info, upc: str) -> Optional[Product]:
        return Product.resolve_reference(info, upc=upc)


schema = Schema(query=Query, types=[Product], federation_version="2.9")


def create_app(store: Store) -> Starlette:
    return subgraph_app(schema, store)
