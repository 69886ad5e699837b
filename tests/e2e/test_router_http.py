"""The router and the subgraphs as real HTTP servers (uvicorn on free loopback ports)."""

import httpx
import pytest

from supergraph.http import RouterConfig, create_router_app
from supergraph.transport import HttpTransport
from tests.support.router_fixtures.apps import SUBGRAPHS, SUPERGRAPH_SDL
from tests.support.router_fixtures.harness import IdentityRecorder, subgraphs_server_app
from tests.support.router_fixtures.store import make_store
from tests.support.servers import BackgroundServer, free_socket

pytestmark = pytest.mark.e2e

NESTED = """
query Nested($first: Int!) {
  topProducts(first: $first) { name shippingEstimate reviews { body author { name } } }
}
"""


class Stack:
    def __init__(self, product_count: int, *, down: str | None = None) -> None:
        self.store = make_store(product_count)
        self.identity = IdentityRecorder()
        self.subgraphs = BackgroundServer(subgraphs_server_app(self.store))
        closed = free_socket()  # bound, never listening: connections are refused
        self.dead_url = f"http://127.0.0.1:{closed.getsockname()[1]}/graphql"
        self._closed = closed
        self.transports = {
            name: HttpTransport(name, self.dead_url if name == down else f"{self.subgraphs.url}/{name}/graphql",
                                timeout=5, retries=1)
            for name in SUBGRAPHS
        }
        config = RouterConfig(SUPERGRAPH_SDL, self.transports, self.identity.authenticate,
                              self.identity.identity_headers)
        self.router = BackgroundServer(create_router_app(config))

    def __enter__(self) -> "Stack":
        self.subgraphs.__enter__()
        self.router.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.router.__exit__(*exc)
        self.subgraphs.__exit__(*exc)
        self._closed.close()

    def counts(self) -> dict[str, int]:
        return {name: t.request_count for name, t in self.transports.items()}


async def post(stack: Stack, query: str, variables: dict | None = None, **headers: str) -> httpx.Response:
    async with httpx.AsyncClient(base_url=stack.router.url) as client:
        return await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)


async def test_nested_query_over_http_joins_three_subgraphs():
    with Stack(2) as stack:
        response = await post(stack, NESTED, {"first": 2})
    assert response.status_code == 200
    assert response.json()["data"]["topProducts"][1] == {
        "name": "Product 2", "shippingEstimate": 4,
        "reviews": [{"body": "Review of Product 2", "author": {"name": "User 2"}}],
    }


async def test_subgraph_requests_over_http_do_not_grow_with_list_size():
    with Stack(1) as small, Stack(100) as large:
        await post(small, NESTED, {"first": 1})
        response = await post(large, NESTED, {"first": 100})
        assert len(response.json()["data"]["topProducts"]) == 100
        assert small.counts() == large.counts() == {"accounts": 1, "products": 1, "inventory": 1, "reviews": 1}


async def test_unreachable_subgraph_over_http_gives_partial_data():
    with Stack(2, down="reviews") as stack:
        response = await post(stack, "{ topProducts { name reviews { body } } }")
    body = response.json()
    assert response.status_code == 200
    assert body["data"]["topProducts"] == [{"name": "Product 1", "reviews": None}, {"name": "Product 2", "reviews": None}]
    assert body["errors"][0]["extensions"] == {"code": "SUBREQUEST_HTTP_ERROR", "service": "reviews"}
    assert body["errors"][0]["path"] == ["topProducts", 0, "reviews"]
    assert stack.transports["reviews"].request_count == 2  # one retry: queries only


async def test_mutation_over_http_is_sent_once_and_identity_signs_the_exact_body():
    with Stack(2, down="inventory") as stack:
        response = await post(stack, 'mutation { restock(upc: "u1") { upc } }', authorization="Bearer user-3")
        assert stack.transports["inventory"].request_count == 1  # mutations are never retried
    assert response.json()["errors"][0]["extensions"]["code"] == "SUBREQUEST_HTTP_ERROR"
    ((subgraph, body, principal),) = stack.identity.calls
    assert (subgraph, principal) == ("inventory", "3")
    assert body.startswith(b'{"query":"mutation')


async def test_identity_bytes_match_what_subgraphs_received_over_http():
    with Stack(2) as stack:
        await post(stack, NESTED, {"first": 2}, authorization="Bearer user-1")
    assert sorted(b for _, b, _ in stack.identity.calls) == sorted(stack.store.seen_bodies)
    assert all("authorization" not in h for h in stack.store.seen_headers)
