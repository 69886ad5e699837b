"""The router over real Strawberry subgraphs called in-process (ASGI, no sockets)."""

import httpx
import orjson
import pytest

from supergraph.http import RouterConfig, create_router_app
from supergraph.router import Router
from tests.support.router_fixtures.apps import SUPERGRAPH_SDL
from tests.support.router_fixtures.harness import IdentityRecorder, inprocess_transports
from tests.support.router_fixtures.store import make_store

pytestmark = pytest.mark.e2e

NESTED_ACROSS_SUBGRAPHS = """
query Nested($first: Int!) {
  topProducts(first: $first) {
    name
    shippingEstimate
    reviews { body author { name username } }
  }
}
"""

PRODUCT_CARDS = """
query Cards($first: Int!, $withStock: Boolean!) {
  cheap: topProducts(first: $first) { ...Card }
}
fragment Card on Product { title: name upc ... on Product { inStock @include(if: $withStock) } }
"""

MUTATIONS = """
mutation Sequence {
  first: userRename(id: "1", name: "First") { name }
  restock(upc: "u1") { inStock shippingEstimate }
  reviewAdd(upc: "u1", body: "Great") { body author { name } }
  last: userRename(id: "1", name: "Last") { name }
}
"""


def make_router(product_count: int = 3, *, delay: float = 0.0):
    store = make_store(product_count)
    transports = inprocess_transports(store, delay=delay)
    identity = IdentityRecorder()
    return Router(SUPERGRAPH_SDL, transports, identity.identity_headers), store, transports, identity


def counts(transports) -> dict[str, int]:
    return {name: t.request_count for name, t in transports.items()}


async def test_nested_query_across_three_subgraphs_returns_joined_data():
    router, _, _, _ = make_router()
    result = await router.execute(NESTED_ACROSS_SUBGRAPHS, {"first": 2})
    assert result == {"data": {"topProducts": [
        {"name": "Product 1", "shippingEstimate": 2,
         "reviews": [{"body": "Review of Product 1", "author": {"name": "User 1", "username": "user1"}}]},
        {"name": "Product 2", "shippingEstimate": 4,
         "reviews": [{"body": "Review of Product 2", "author": {"name": "User 2", "username": "user2"}}]},
    ]}}


async def test_listing_100_products_costs_the_same_subgraph_requests_as_listing_1():
    router_1, _, transports_1, _ = make_router(1)
    router_100, _, transports_100, _ = make_router(100)
    small = await router_1.execute(NESTED_ACROSS_SUBGRAPHS, {"first": 1})
    large = await router_100.execute(NESTED_ACROSS_SUBGRAPHS, {"first": 100})
    assert len(small["data"]["topProducts"]) == 1 and len(large["data"]["topProducts"]) == 100
    assert "errors" not in large
    assert counts(transports_1) == counts(transports_100) == {
        "accounts": 1, "products": 1, "inventory": 1, "reviews": 1,
    }


async def test_root_fields_of_different_subgraphs_are_fetched_in_parallel():
    router, _, transports, _ = make_router(delay=0.02)
    result = await router.execute("{ me { name } topProducts { name } latestReviews { body } }")
    assert "errors" not in result
    assert transports["accounts"].shared["max"] == 3


async def test_failing_subgraph_yields_partial_data_and_an_error_at_the_client_path():
    router, _, transports, _ = make_router(2)
    transports["reviews"].fail = True
    result = await router.execute("{ topProducts { name reviews { body } } }")
    assert result["data"] == {"topProducts": [
        {"name": "Product 1", "reviews": None}, {"name": "Product 2", "reviews": None},
    ]}
    (error,) = result["errors"]
    assert error["path"] == ["topProducts", 0, "reviews"]
    assert error["extensions"] == {"code": "SUBREQUEST_HTTP_ERROR", "service": "reviews"}


async def test_variables_fragments_and_aliases_shape_the_response():
    router, _, transports, _ = make_router(3)
    with_stock = await router.execute(PRODUCT_CARDS, {"first": 2, "withStock": True})
    without = await router.execute(PRODUCT_CARDS, {"first": 1, "withStock": False})
    assert with_stock["data"] == {"cheap": [
        {"title": "Product 1", "upc": "u1", "inStock": True},
        {"title": "Product 2", "upc": "u2", "inStock": True},
    ]}
    assert without["data"] == {"cheap": [{"title": "Product 1", "upc": "u1"}]}


async def test_mutations_run_one_after_another_in_document_order():
    router, store, _, _ = make_router()
    result = await router.execute(MUTATIONS)
    assert store.mutation_log == ["userRename:First", "restock:u1", "reviewAdd:u1", "userRename:Last"]
    assert result["data"]["first"] == {"name": "First"}
    assert result["data"]["restock"] == {"inStock": True, "shippingEstimate": 2}
    # the review's author is fetched before the next mutation runs
    assert result["data"]["reviewAdd"] == {"body": "Great", "author": {"name": "First"}}
    assert result["data"]["last"] == {"name": "Last"}


async def test_identity_headers_are_computed_from_exactly_the_bytes_sent():
    router, store, _, identity = make_router()
    await router.execute(NESTED_ACROSS_SUBGRAPHS, {"first": 2}, principal="7")
    assert sorted(body for _, body, _ in identity.calls) == sorted(store.seen_bodies)
    assert {p for _, _, p in identity.calls} == {"7"}
    sent_identities = sorted(h["x-router-identity"] for h in store.seen_headers)
    assert sent_identities == sorted(f"{s}:7:{len(b)}" for s, b, _ in identity.calls)


# ---- through the HTTP app (ASGI, in-process) ------------------------------------------

def make_client():
    store = make_store()
    transports = inprocess_transports(store)
    identity = IdentityRecorder()
    config = RouterConfig(SUPERGRAPH_SDL, transports, identity.authenticate, identity.identity_headers)
    app = create_router_app(config)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router")
    return client, store, transports


async def test_post_graphql_never_forwards_client_authorization():
    client, store, _ = make_client()
    async with client:
        response = await client.post("/graphql", json={"query": "{ me { name } }"},
                                     headers={"authorization": "Bearer user-2", "x-user-id": "1"})
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"name": "User 1"}}}
    (headers,) = store.seen_headers
    assert "authorization" not in headers and "x-user-id" not in headers
    assert headers["x-router-identity"].startswith("accounts:2:")


async def test_get_graphql_runs_queries_but_refuses_mutations():
    client, store, _ = make_client()
    async with client:
        preflighted = {"apollo-require-preflight": "true"}  # CSRF prevention: GET needs it
        query = await client.get("/graphql", params={"query": "query($n: Int!) { topProducts(first: $n) { upc } }",
                                                     "variables": orjson.dumps({"n": 1}).decode()},
                                 headers=preflighted)
        mutation = await client.get("/graphql", params={"query": 'mutation { restock(upc: "u1") { upc } }'},
                                    headers=preflighted)
    assert query.json() == {"data": {"topProducts": [{"upc": "u1"}]}}
    assert mutation.status_code == 405
    assert store.mutation_log == []


async def test_bad_token_is_unauthenticated_before_any_subgraph_call():
    client, store, _ = make_client()
    async with client:
        response = await client.post("/graphql", json={"query": "{ me { name } }"},
                                     headers={"authorization": "Bearer forged"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert store.seen_bodies == []


async def test_request_errors_carry_catalogue_codes_without_internals():
    client, _, _ = make_client()
    async with client:
        parse_failed = await client.post("/graphql", json={"query": "{"})
        invalid = await client.post("/graphql", json={"query": "{ nope }"})
        not_json = await client.post("/graphql", content=b"{", headers={"content-type": "application/json"})
    assert parse_failed.status_code == 400
    assert parse_failed.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert invalid.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert not_json.status_code == 400
    assert "Traceback" not in not_json.text


async def test_health_and_metrics():
    client, _, _ = make_client()
    async with client:
        await client.post("/graphql", json={"query": "{ topProducts { name reviews { body } } }"})
        health = await client.get("/health")
        metrics = await client.get("/metrics")
    assert health.json() == {"status": "ok"}
    assert "pawgraph_router_requests_total 1" in metrics.text
    assert 'pawgraph_router_subgraph_requests_total{subgraph="reviews"} 1' in metrics.text
    assert 'pawgraph_router_subgraph_requests_total{subgraph="accounts"} 0' in metrics.text
