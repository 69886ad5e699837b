"""Every conformance case over HTTP: the fixture subgraphs behind one uvicorn server, the
router app (``create_router_app``) behind another, ``HttpTransport`` between them."""

import httpx
import orjson
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from supergraph.http import RouterConfig, create_router_app
from supergraph.transport import HttpTransport
from tests.support.conformance.features import ALL
from tests.support.conformance.features.auth import Caller
from tests.support.conformance.harness import build_subgraphs, check, policy_of, supergraph_of
from tests.support.servers import BackgroundServer, free_socket

pytestmark = pytest.mark.e2e

CASES = [(feature, case) for feature in ALL for case in feature.cases]
PRINCIPAL_HEADER = "x-test-principal"


def authenticate(headers):
    raw = headers.get(PRINCIPAL_HEADER)
    if not raw:
        return Caller()
    fields = orjson.loads(raw)
    return Caller(True, frozenset(fields.get("scopes", ())), frozenset(fields.get("roles", ())))


def principal_header(principal) -> dict[str, str]:
    if principal is None or not getattr(principal, "is_authenticated", False):
        return {}
    value = {"scopes": sorted(principal.scopes), "roles": sorted(principal.roles)}
    return {PRINCIPAL_HEADER: orjson.dumps(value).decode()}


@pytest.fixture(scope="module")
def servers():
    """Per feature: its subgraphs behind one server (started once, reset per case)."""
    started: dict[str, tuple] = {}
    dead = free_socket()  # bound, never listening: connections are refused
    yield started, f"http://127.0.0.1:{dead.getsockname()[1]}/graphql"
    for server, _ in started.values():
        server.server.should_exit = True  # all stop together
    for server, _ in started.values():
        server.__exit__(None, None, None)
    dead.close()


def subgraph_server(servers, feature):
    started, _ = servers
    if feature.name not in started:
        subgraphs = build_subgraphs(feature)
        app = Starlette(routes=[Mount(f"/{name}", sub.app()) for name, sub in subgraphs.items()])
        started[feature.name] = (BackgroundServer(app).__enter__(), subgraphs)
    server, subgraphs = started[feature.name]
    for sub in subgraphs.values():
        sub.reset()
    return server, subgraphs


def router_server(servers, feature, case, subgraph_url: str):
    """One router per (feature, subgraphs down, timeout), started once."""
    started, dead_url = servers
    key = (feature.name, case.down, case.timeout)
    if key not in started:
        transports = {name: HttpTransport(name, dead_url if name in case.down else f"{subgraph_url}/{name}/graphql",
                                          retries=0) for name in feature.subgraphs}
        config = RouterConfig(supergraph_of(feature), transports, authenticate, lambda *_: {}, dev=True)
        app = create_router_app(config)
        app.state.router.executor.configure(default_policy=policy_of(case))
        started[key] = (BackgroundServer(app).__enter__(), None)
    return started[key][0]


@pytest.mark.parametrize(("feature", "case"), CASES, ids=[f"{f.name}-{c.name}" for f, c in CASES])
async def test_case_over_http_returns_expected_data(servers, feature, case):
    server, subgraphs = subgraph_server(servers, feature)
    router = router_server(servers, feature, case, server.url)
    async with httpx.AsyncClient(base_url=router.url) as client:
        response = await client.post(
            "/graphql", json={"query": case.query, "variables": case.variables,
                              "operationName": case.operation_name},
            headers=principal_header(case.principal))
    assert response.status_code == 200
    check(case, response.json(), subgraphs)
