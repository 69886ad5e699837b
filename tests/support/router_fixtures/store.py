"""In-memory data shared by the fixture subgraphs (sized per test)."""

from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL


@dataclass
class Store:
    users: dict[str, dict] = field(default_factory=dict)
    products: list[dict] = field(default_factory=list)
    reviews: list[dict] = field(default_factory=list)
    mutation_log: list[str] = field(default_factory=list)
    seen_headers: list[dict[str, str]] = field(default_factory=list)
    seen_bodies: list[bytes] = field(default_factory=list)


def make_store(product_count: int = 3) -> Store:
    store = Store()
    for i in range(1, 4):
        store.users[str(i)] = {"id": str(i), "name": f"User {i}", "username": f"user{i}"}
    for i in range(1, product_count + 1):
        store.products.append(
            {"upc": f"u{i}", "sku": f"s{i}", "brand": "acme" if i % 2 else "zenith",
             "name": f"Product {i}", "price": 10 * i, "weight": i, "in_stock": i % 3 != 0}
        )
    for i, product in enumerate(store.products):
        store.reviews.append(
            {"id": f"r{i + 1}", "body": f"Review of {product['name']}", "author_id": str(i % 3 + 1),
             "sku": product["sku"], "brand": product["brand"]}
        )
    return store


class StoreGraphQL(GraphQL):
    """Strawberry ASGI app whose context carries the store; records what it receives."""

    def __init__(self, schema: Any, store: Store) -> None:
        super().__init__(schema, graphql_ide=None)
        self.store = store

    async def get_context(self, request: Any, response: Any) -> dict[str, Any]:
        self.store.seen_headers.append(dict(request.headers))
        self.store.seen_bodies.append(await request.body())
        return {"request": request, "response": response, "store": self.store}


def store_of(info: Any) -> Store:
    return info.context["store"]


def subgraph_app(schema: Any, store: Store) -> Starlette:
    """The subgraph served as a Starlette app at ``/graphql``."""
    return Starlette(routes=[Route("/graphql", StoreGraphQL(schema, store), methods=["GET", "POST"])])
