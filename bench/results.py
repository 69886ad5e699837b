"""Result documents of a bench run: entry schema, aggregation over rounds, ratios, file names.

One entry per router x mode x workload. Figures are medians over the interleaved rounds;
``rounds`` keeps each round's raw figures and ``spread`` the relative spread of the primary
figure (CPU per operation). Pure functions only (unit-tested in tests/unit/bench/test_bench_*.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from bench.stats import median, spread

OURS = "pawgraph"
PEERS = ("hive-gateway", "hive-gateway-router-runtime", "apollo-gateway")
ROUTERS = (OURS, *PEERS)
MODES = ("real", "replay")
REQUIRED = ("router", "mode", "workload", "cpu_ms_per_op", "rps", "p50_ms", "p99_ms",
            "subgraph_requests_per_op")
SCHEMA_VERSION = 1


@dataclass
class RoundFigures:
    """One measured run of one router on one workload."""

    ops: int
    errors: int
    seconds: float
    cpu_seconds: float
    latencies_ms: Sequence[float] = field(repr=False, default=())
    subgraph_requests: int = 0
    sql_statements: int | None = None
    mongo_commands: int | None = None
    rss_mb: float | None = None

    def figures(self) -> dict[str, float | None]:
        from bench.stats import cpu_ms_per_op, per_op, percentile

        ops = self.ops
        return {
            "cpu_ms_per_op": cpu_ms_per_op(self.cpu_seconds, ops),
            "rps": ops / self.seconds if self.seconds else math.nan,
            "p50_ms": percentile(self.latencies_ms, 50),
            "p99_ms": percentile(self.latencies_ms, 99),
            "subgraph_requests_per_op": per_op(self.subgraph_requests, ops),
            "sql_statements_per_op": (None if self.sql_statements is None
                                      else per_op(self.sql_statements, ops)),
            "mongo_commands_per_op": (None if self.mongo_commands is None
                                      else per_op(self.mongo_commands, ops)),
            "rss_mb": self.rss_mb, "ops": ops, "errors": self.errors,
        }


@dataclass
class Entry:
    router: str
    mode: str
    workload: str
    list_size: int | None
    cpu_ms_per_op: float
    rps: float
    p50_ms: float
    p99_ms: float
    subgraph_requests_per_op: float
    sql_statements_per_op: float | None
    mongo_commands_per_op: float | None
    rss_mb: float | None
    ops: int
    errors: int
    spread: dict[str, float]
    rounds: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return _clean(asdict(self))


def _median_or_none(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None and not math.isnan(v)]
    return median(present) if present else None


def aggregate(router: str, mode: str, workload: str, list_size: int | None,
              rounds: Sequence[RoundFigures]) -> Entry:
    """Medians over rounds of every figure; spread of the primary figure (CPU per op)."""
    figures = [r.figures() for r in rounds]

    def mid(key: str) -> float:
        value = _median_or_none(f[key] for f in figures)
        return math.nan if value is None else value

    return Entry(
        router=router, mode=mode, workload=workload, list_size=list_size,
        cpu_ms_per_op=mid("cpu_ms_per_op"), rps=mid("rps"), p50_ms=mid("p50_ms"),
        p99_ms=mid("p99_ms"), subgraph_requests_per_op=mid("subgraph_requests_per_op"),
        sql_statements_per_op=_median_or_none(f["sql_statements_per_op"] for f in figures),
        mongo_commands_per_op=_median_or_none(f["mongo_commands_per_op"] for f in figures),
        rss_mb=_median_or_none(f["rss_mb"] for f in figures),
        ops=sum(r.ops for r in rounds), errors=sum(r.errors for r in rounds),
        spread=spread([f["cpu_ms_per_op"] for f in figures]),
        rounds=[{k: v for k, v in f.items()} for f in figures])


def validate_entry(entry: dict[str, Any]) -> list[str]:
    """Problems with one JSON entry (empty list = valid)."""
    problems = [f"missing {key}" for key in REQUIRED if key not in entry]
    if entry.get("router") not in ROUTERS:
        problems.append(f"unknown router {entry.get('router')!r}")
    if entry.get("mode") not in MODES:
        problems.append(f"unknown mode {entry.get('mode')!r}")
    for key in REQUIRED[3:]:
        value = entry.get(key)
        if key in entry and value is not None and not isinstance(value, (int, float)):
            problems.append(f"{key} is not a number")
    return problems


def ratios(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ours / each peer per mode x workload: CPU per op (lower is better for us when < 1),
    throughput (higher is better when > 1), p99 latency (< 1 is better)."""
    index = {(e["router"], e["mode"], e["workload"]): e for e in entries}
    rows = []
    for (router, mode, workload), ours in index.items():
        if router != OURS:
            continue
        for peer in PEERS:
            theirs = index.get((peer, mode, workload))
            if theirs is None:
                continue
            rows.append({"mode": mode, "workload": workload, "peer": peer,
                         "cpu_ratio": _ratio(ours["cpu_ms_per_op"], theirs["cpu_ms_per_op"]),
                         "rps_ratio": _ratio(ours["rps"], theirs["rps"]),
                         "p99_ratio": _ratio(ours["p99_ms"], theirs["p99_ms"])})
    return rows


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or not b or math.isnan(a) or math.isnan(b):
        return None
    return a / b


def result_stem(when: datetime, machine: str) -> str:
    """``<date>-<machine>``: the file name stem under bench/results/."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", machine).strip("-") or "machine"
    return f"{when:%Y-%m-%d}-{safe}"


def _clean(value: Any) -> Any:
    """JSON-safe: NaN/inf become null, floats rounded to 4 significant decimals."""
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, 4)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value
