"""Plan execution against in-memory fake transports (no I/O)."""

import orjson

from supergraph.router import Router
from supergraph.transport.base import SubgraphTransportError
from tests.unit.supergraph.fixtures import SUPERGRAPH_V05


class FakeTransport:
    def __init__(self, name, respond):
        self.name = name
        self.respond = respond
        self.request_count = 0
        self.bodies: list[bytes] = []
        self.headers: list[dict] = []

    async def fetch(self, body, headers):
        self.request_count += 1
        self.bodies.append(body)
        self.headers.append(dict(headers))
        return orjson.dumps(self.respond(orjson.loads(body)))


def products(request):
    items = [{"__typename": "Product", "sku": f"s{i % 2}", "brand": "b", "name": f"P{i}"} for i in range(4)]
    return {"data": {"topProducts": items}}


def reviews(request):
    reps = request["variables"]["representations"]
    entities = [{"reviewCount": int(rep["sku"][1:]) + 1} for rep in reps]
    return {"data": {"_entities": entities}, "errors": [
        {"message": "slow review store", "path": ["_entities", 1, "reviewCount"], "extensions": {"code": "CONFLICT"}}
    ]}


def failing(request):
    raise SubgraphTransportError("reviews", "HTTP status 503", 503)


def router_with(**responders):
    transports = {name: FakeTransport(name, fn) for name, fn in responders.items()}
    calls = []

    def identity(subgraph, body, principal):
        calls.append((subgraph, body, principal))
        return {"x-identity": f"{subgraph}:{principal}"}

    return Router(SUPERGRAPH_V05, transports, identity), transports, calls


QUERY = "{ topProducts { name reviewCount } }"


async def test_entities_at_one_level_cost_one_request_with_deduplicated_representations():
    router, transports, _ = router_with(products=products, reviews=reviews)
    result = await router.execute(QUERY)
    assert [p["reviewCount"] for p in result["data"]["topProducts"]] == [1, 2, 1, 2]
    assert transports["reviews"].request_count == 1
    sent = orjson.loads(transports["reviews"].bodies[0])
    assert sent["variables"]["representations"] == [
        {"__typename": "Product", "sku": "s0", "brand": "b"},
        {"__typename": "Product", "sku": "s1", "brand": "b"},
    ]


async def test_entity_errors_are_repathed_to_client_paths():
    router, _, _ = router_with(products=products, reviews=reviews)
    result = await router.execute(QUERY)
    assert result["errors"] == [
        {"message": "slow review store", "path": ["topProducts", 1, "reviewCount"], "extensions": {"code": "CONFLICT"}}
    ]


async def test_failing_subgraph_yields_partial_data_and_subrequest_error():
    router, _, _ = router_with(products=products, accounts=failing)
    result = await router.execute("{ topProducts { name } me { name } }")
    assert result["data"] == {"topProducts": [{"name": f"P{i}"} for i in range(4)], "me": None}
    assert result["errors"][0]["path"] == ["me"]
    assert result["errors"][0]["extensions"]["code"] == "SUBREQUEST_HTTP_ERROR"


async def test_failure_under_non_null_fields_bubbles_with_one_error_at_the_client_path():
    router, _, _ = router_with(products=products, reviews=failing)
    result = await router.execute("{ topProducts { name reviews { body } } }")
    assert result["data"] is None  # reviews is non-null all the way up in this schema
    (error,) = result["errors"]
    assert error["extensions"] == {"code": "SUBREQUEST_HTTP_ERROR", "service": "reviews"}
    assert error["path"] == ["topProducts", 0, "reviews"]


async def test_identity_headers_receive_exactly_the_bytes_sent():
    router, transports, calls = router_with(products=products, reviews=reviews)
    await router.execute(QUERY, principal="user-1")
    sent = {name: t.bodies for name, t in transports.items()}
    assert [(s, b) for s, b, _ in calls] == [("products", sent["products"][0]), ("reviews", sent["reviews"][0])]
    assert transports["reviews"].headers[0]["x-identity"] == "reviews:user-1"
    assert all(p == "user-1" for _, _, p in calls)


async def test_validation_and_parse_errors_use_the_catalogue():
    router, transports, _ = router_with(products=products)
    parse_failed = await router.execute("{ topProducts { ")
    invalid = await router.execute("{ nope }")
    assert parse_failed["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert invalid["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert transports["products"].request_count == 0


async def test_bad_variables_are_bad_user_input():
    router, _, _ = router_with(products=products)
    result = await router.execute("query($n: Int) { topProducts(first: $n) { name } }", {"n": "ten"})
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_introspection_is_answered_by_the_router():
    router, transports, _ = router_with(products=products)
    result = await router.execute("{ __schema { queryType { name } } }")
    assert result == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
    assert transports["products"].request_count == 0
