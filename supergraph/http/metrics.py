"""Prometheus text exposition of the router's counters."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supergraph.router import Router


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def render_metrics(router: "Router") -> str:
    lines = [
        "# HELP pawgraph_router_requests_total GraphQL requests received by the router.",
        "# TYPE pawgraph_router_requests_total counter",
        f"pawgraph_router_requests_total {router.requests_total}",
        "# HELP pawgraph_router_errors_total GraphQL errors returned, by extensions.code.",
        "# TYPE pawgraph_router_errors_total counter",
    ]
    for code, count in sorted(router.errors_total.items()):
        lines.append(f'pawgraph_router_errors_total{{code="{_label(code)}"}} {count}')
    lines += [
        "# HELP pawgraph_router_subgraph_requests_total Requests sent to each subgraph.",
        "# TYPE pawgraph_router_subgraph_requests_total counter",
    ]
    for name, transport in sorted(router.transports.items()):
        count = getattr(transport, "request_count", 0)
        lines.append(f'pawgraph_router_subgraph_requests_total{{subgraph="{_label(name)}"}} {count}')
    planner = router.planner
    lines += [
        "# HELP pawgraph_router_plan_cache_total Query-plan cache lookups, by result.",
        "# TYPE pawgraph_router_plan_cache_total counter",
        f'pawgraph_router_plan_cache_total{{result="hit"}} {planner.hits}',
        f'pawgraph_router_plan_cache_total{{result="miss"}} {planner.misses}',
    ]
    return "\n".join(lines) + "\n"
