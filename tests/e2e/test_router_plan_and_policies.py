"""Router behaviour around plans and subgraph policies: the admin-only query plan in
``extensions``, plan-cache hits, per-subgraph timeouts and the circuit breaker."""

import httpx
import orjson
import pytest

from supergraph.http import RouterConfig, create_router_app
from supergraph.planning.plan import print_plan
from supergraph.transport.breaker import SubgraphPolicy
from tests.support.conformance.features import entities, errors
from tests.support.conformance.features.auth import Caller
from tests.support.conformance.harness import Case, inprocess_router, supergraph_of

pytestmark = pytest.mark.e2e

QUERY = "{ topProducts { name inStock } }"
CONDITIONAL = "query Q($s: Boolean!) { topProducts { name inStock @include(if: $s) } }"
ADMIN = Caller(True, roles=frozenset({"admin"}))
OWNER = Caller(True, roles=frozenset({"owner"}))


DEFAULT_CASE = Case("-", QUERY, None)


def _router(feature=entities.FEATURE, case=DEFAULT_CASE):
    return inprocess_router(feature, case)


async def test_admin_asking_for_the_plan_gets_it_in_extensions():
    router, _ = _router()
    response = await router.handle(QUERY, principal=ADMIN, include_plan=True)
    plan = router.planner.plan(router.prepare(QUERY, None).document, None, router.prepare(QUERY, None).hash,
                               variant=((), ()))
    assert response.body["extensions"] == {"queryPlan": print_plan(plan)}
    assert 'Fetch(service: "inventory")' in response.body["extensions"]["queryPlan"]


async def test_non_admin_asking_for_the_plan_gets_none():
    router, _ = _router()
    response = await router.handle(QUERY, principal=OWNER, include_plan=True)
    assert "extensions" not in response.body
    assert response.body["data"]["topProducts"][0] == {"name": "Chair", "inStock": True}


async def test_plan_header_over_the_http_app_is_honoured_for_admins():
    transports = _router()[0].transports
    app = create_router_app(RouterConfig(supergraph_of(entities.FEATURE), transports,
                                         lambda headers: ADMIN, lambda *_: {}, dev=True))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router") as client:
            response = await client.post("/graphql", json={"query": QUERY},
                                         headers={"pawgraph-include-query-plan": "true"})
    assert response.json()["extensions"]["queryPlan"].startswith("QueryPlan {")


async def test_repeated_operation_is_planned_once():
    router, _ = _router()
    for _ in range(3):
        await router.execute(QUERY)
    assert (router.planner.misses, router.planner.hits) == (1, 2)


async def test_each_condition_value_gets_its_own_cached_plan():
    router, subgraphs = _router()
    for value in (True, False, True, False):
        await router.execute(CONDITIONAL, {"s": value})
    assert (router.planner.misses, router.planner.hits) == (2, 2)
    assert len(subgraphs["inventory"].requests) == 2


async def test_per_subgraph_timeout_applies_to_that_subgraph_only():
    router, _ = inprocess_router(errors.SLOW, errors.SLOW.cases[0])
    router.executor.configure({"stock": SubgraphPolicy(timeout=0.05)}, SubgraphPolicy(timeout=30))
    body = await router.execute("{ items { id count } }")
    assert body["data"] == {"items": [{"id": "1", "count": None}, {"id": "2", "count": None}]}
    assert body["errors"][0]["extensions"] == {"code": "SUBREQUEST_HTTP_ERROR", "service": "stock"}
    assert "timed out" in body["errors"][0]["message"]


async def test_open_breaker_stops_calling_a_failing_subgraph():
    router, _ = inprocess_router(errors.FEATURE, Case("-", "", None, down=("stock",)))
    router.executor.configure(default_policy=SubgraphPolicy(failure_threshold=2, reset_after=3600))
    for _ in range(4):
        body = await router.execute("{ items { id count } }")
        assert body["data"]["items"][0] == {"id": "1", "count": None}
    assert router.executor.breakers["stock"].is_open
    assert "circuit open" in orjson.dumps(body).decode()
