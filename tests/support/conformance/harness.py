"""Data-driven federation conformance cases: fixture subgraphs + operation + expected data.

A *feature* (one module in ``features/``) declares its subgraphs (SDL + canned data +
tiny resolvers) once and a list of :class:`Case`. The supergraph is composed from the
subgraph SDLs by our composer, unless the feature gives one (hand-written in Apollo's
format, e.g. for ``@interfaceObject``). ``run_inprocess`` runs a case against the router
with in-process transports; ``tests/e2e/conformance/test_conformance_http.py`` runs the
same cases over HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Mapping

from supergraph.composition import SubgraphSpec, compose
from supergraph.router import Router
from supergraph.transport import InProcessTransport, SubgraphTransportError
from supergraph.transport.breaker import SubgraphPolicy
from tests.support.conformance.cannedgraph import CannedSubgraph, with_link


@dataclass(frozen=True)
class Subgraph:
    sdl: str
    data: Mapping[str, Any] = field(default_factory=dict)
    resolvers: Mapping[str, Callable] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (slow subgraph)


@dataclass(frozen=True)
class Case:
    name: str
    query: str
    expected: Any  # the response's ``data``
    variables: Mapping[str, Any] | None = None
    operation_name: str | None = None
    # (extensions.code, path) every one of which must be among the response's errors
    errors: tuple[tuple[str, tuple | None], ...] = ()
    no_errors: bool = True  # when ``errors`` is empty: the response has none
    principal: Any = None
    down: tuple[str, ...] = ()  # subgraphs whose transport fails
    requests: Mapping[str, int] | None = None  # exact subgraph request counts
    timeout: float | None = None  # per-subgraph timeout for this case


@dataclass(frozen=True)
class Feature:
    name: str
    subgraphs: Mapping[str, Subgraph]
    cases: tuple[Case, ...]
    supergraph: str | None = None


def url_of(name: str) -> str:
    return f"http://{name}.conformance.test/graphql"


@lru_cache(maxsize=None)
def _compose(specs: tuple[tuple[str, str], ...]) -> str:
    result = compose([SubgraphSpec(name, url_of(name), with_link(sdl)) for name, sdl in specs])
    if result.supergraph_sdl is None:
        lines = [f"{e.code}: {e.message}" for e in result.errors]
        raise AssertionError("fixture subgraphs do not compose:\n" + "\n".join(lines))
    return result.supergraph_sdl


def supergraph_of(feature: Feature) -> str:
    if feature.supergraph is not None:
        return feature.supergraph
    return _compose(tuple((name, sub.sdl) for name, sub in feature.subgraphs.items()))


def build_subgraphs(feature: Feature) -> dict[str, CannedSubgraph]:
    return {name: CannedSubgraph(name, sub.sdl, sub.data, sub.resolvers, delay=sub.delay)
            for name, sub in feature.subgraphs.items()}


class _Transport:
    """In-process transport that can be down."""

    def __init__(self, name: str, app: Any, *, down: bool) -> None:
        self.inner = InProcessTransport(name, app)
        self.name = name
        self.down = down

    @property
    def request_count(self) -> int:
        return self.inner.request_count

    async def fetch(self, body: bytes, headers: Mapping[str, str]) -> bytes:
        if self.down:
            raise SubgraphTransportError(self.name, "connection refused")
        return await self.inner.fetch(body, headers)


def inprocess_router(feature: Feature, case: Case) -> tuple[Router, dict[str, CannedSubgraph]]:
    subgraphs = build_subgraphs(feature)
    transports = {
        name: _Transport(name, sub.app(), down=name in case.down)
        for name, sub in subgraphs.items()
    }
    return Router(supergraph_of(feature), transports, default_policy=policy_of(case), dev=True), subgraphs


def policy_of(case: Case) -> SubgraphPolicy | None:
    return SubgraphPolicy(timeout=case.timeout) if case.timeout else None


def check(case: Case, body: Mapping[str, Any], subgraphs: Mapping[str, CannedSubgraph] | None = None) -> None:
    assert "data" in body, body
    assert body["data"] == case.expected, f"{case.name}: {body}"
    errors = body.get("errors") or []
    if case.errors:
        seen = {((e.get("extensions") or {}).get("code"), tuple(e["path"]) if e.get("path") else None)
                for e in errors}
        for expected in case.errors:
            assert expected in seen, f"{case.name}: {expected} not in {seen}"
    elif case.no_errors:
        assert not errors, f"{case.name}: {errors}"
    if case.requests is not None and subgraphs is not None:
        counts = {name: len(sub.requests) for name, sub in subgraphs.items() if sub.requests}
        assert counts == dict(case.requests), f"{case.name}: {counts}"


async def run_inprocess(feature: Feature, case: Case) -> dict[str, Any]:
    router, subgraphs = inprocess_router(feature, case)
    body = await router.execute(case.query, case.variables, case.operation_name, case.principal)
    check(case, body, subgraphs)
    return body
