"""reviews: Review; adds reviews to User and Product (key ``sku brand``)."""

from typing import Optional

import strawberry
from starlette.applications import Starlette
from strawberry.federation import Schema

from tests.support.router_fixtures.store import Store, store_of, subgraph_app


def _review(row: dict) -> "Review":
    return Review(id=strawberry.ID(row["id"]), body=row["body"], author_id=row["author_id"],
                  product_key=(row["sku"], row["brand"]))


@strawberry.federation.type(keys=["id"])
class User:
    id: strawberry.ID
    username: Optional[str] = strawberry.federation.field(external=True)

    @strawberry.field
    def reviews(self, info: strawberry.Info) -> list["Review"]:
        return [_review(r) for r in store_of(info).reviews if r["author_id"] == str(self.id)]

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> "User":
        return User(id=id, username=None)


@strawberry.federation.type(keys=["sku brand"])
class Product:
    sku: str
    brand: str

    @strawberry.field
    def reviews(self, info: strawberry.Info) -> Optional[list["Review"]]:
        key = (self.sku, self.brand)
        return [_review(r) for r in store_of(info).reviews if (r["sku"], r["brand"]) == key]

    @classmethod
    def resolve_reference(cls, sku: str, brand: str) -> "Product":
        return Product(sku=sku, brand=brand)


@strawberry.federation.type(keys=["id"])
class Review:
    id: strawberry.ID
    body: str
    author_id: strawberry.Private[str]
    product_key: strawberry.Private[tuple]

    @strawberry.federation.field(provides=["username"])
    def author(self, info: strawberry.Info) -> User:
        row = store_of(info).users[self.author_id]
        return User(id=strawberry.ID(self.author_id), username=row["username"])

    @strawberry.field
    def product(self) -> Product:
        return Product(sku=self.product_key[0], brand=self.product_key[1])


@strawberry.type
class Query:
    @strawberry.field
    def latest_reviews(self, info: strawberry.Info) -> list[Review]:
        return [_review(r) for r in reversed(store_of(info).reviews)]


@strawberry.type
class Mutation:
    @strawberry.mutation
    def review_add(self, info: strawberry.Info, upc: str, body: str) -> Review:
        store = store_of(info)
        store.mutation_log.append(f"reviewAdd:{upc}")
        product = next(r for r in store.products if r["upc"] == upc)
        row = {"id": f"r{len(store.reviews) + 1}", "body": body, "author_id": "1",
               "sku": product["sku"], "brand": product["brand"]}
        store.reviews.append(row)
        return _review(row)


schema = Schema(query=Query, mutation=Mutation, types=[User, Product, Review], federation_version="2.9")


def create_app(store: Store) -> Starlette:
    return subgraph_app(schema, store)
