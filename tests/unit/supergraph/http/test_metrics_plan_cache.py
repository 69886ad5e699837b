"""The plan cache's hit/miss counters are exposed on /metrics."""

from types import SimpleNamespace

from graphql import parse

from supergraph.http.metrics import render_metrics
from supergraph.planning.planner import QueryPlanner
from supergraph.planning.supergraph import Supergraph
from tests.unit.supergraph.fixtures import SUPERGRAPH_V05


def test_plan_cache_hits_and_misses_are_rendered():
    planner = QueryPlanner(Supergraph.from_sdl(SUPERGRAPH_V05))
    document = parse("{ topProducts { name } }")
    for _ in range(3):
        planner.plan(document, None, "doc-1")
    planner.plan(parse("{ me { id } }"), None, "doc-2")
    router = SimpleNamespace(requests_total=4, errors_total={}, transports={}, planner=planner)
    text = render_metrics(router)
    assert 'pawgraph_router_plan_cache_total{result="hit"} 2' in text
    assert 'pawgraph_router_plan_cache_total{result="miss"} 2' in text
