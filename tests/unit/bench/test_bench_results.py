"""bench.results: entry schema, aggregation over rounds, ratios (ours / peer), file names."""

import math
from datetime import datetime

import pytest

from bench.results import RoundFigures, aggregate, ratios, result_stem, validate_entry

ENTRY = {"router": "pawgraph", "mode": "replay", "workload": "pet-dashboard",
         "cpu_ms_per_op": 1.0, "rps": 100.0, "p50_ms": 5.0, "p99_ms": 9.0,
         "subgraph_requests_per_op": 8.0}


def _round(cpu_seconds: float, ops: int = 100, seconds: float = 2.0) -> RoundFigures:
    return RoundFigures(ops=ops, errors=0, seconds=seconds, cpu_seconds=cpu_seconds,
                        latencies_ms=[float(i) for i in range(1, 101)], subgraph_requests=800,
                        sql_statements=None, rss_mb=80.0)


def test_round_figures_derive_per_operation_figures():
    figures = _round(0.5).figures()
    assert figures["cpu_ms_per_op"] == pytest.approx(5.0)
    assert figures["rps"] == pytest.approx(50.0)
    assert figures["subgraph_requests_per_op"] == 8.0
    assert figures["p50_ms"] == pytest.approx(50.5)
    assert figures["sql_statements_per_op"] is None


def test_aggregate_takes_medians_over_rounds_and_keeps_each_round():
    entry = aggregate("pawgraph", "replay", "pet-dashboard", 1,
                      [_round(0.5), _round(0.1), _round(0.3)])
    assert entry.cpu_ms_per_op == pytest.approx(3.0)
    assert entry.spread["min"] == pytest.approx(1.0)
    assert entry.spread["max"] == pytest.approx(5.0)
    assert len(entry.rounds) == 3
    assert entry.ops == 300


def test_aggregated_entry_is_valid_json_with_nan_as_null():
    entry = aggregate("apollo-gateway", "real", "my-pets-1", 1, [_round(0.2, ops=0)]).to_json()
    assert validate_entry(entry) == []
    assert entry["cpu_ms_per_op"] is None


def test_entry_without_required_figure_is_invalid():
    broken = {k: v for k, v in ENTRY.items() if k != "p99_ms"}
    assert validate_entry(broken) == ["missing p99_ms"]


def test_entry_of_unknown_router_or_mode_is_invalid():
    assert validate_entry({**ENTRY, "router": "cosmo", "mode": "fast"}) == [
        "unknown router 'cosmo'", "unknown mode 'fast'"]


def test_ratios_divide_ours_by_each_peer_in_the_same_mode_and_workload():
    peer = {**ENTRY, "router": "hive-gateway", "cpu_ms_per_op": 4.0, "rps": 50.0,
            "p99_ms": 18.0}
    other_mode = {**ENTRY, "router": "apollo-gateway", "mode": "real"}
    rows = ratios([ENTRY, peer, other_mode])
    assert rows == [{"mode": "replay", "workload": "pet-dashboard", "peer": "hive-gateway",
                     "cpu_ratio": 0.25, "rps_ratio": 2.0, "p99_ratio": 0.5}]


def test_ratio_against_a_missing_figure_is_none():
    peer = {**ENTRY, "router": "hive-gateway", "cpu_ms_per_op": None, "rps": math.nan}
    row = ratios([ENTRY, peer])[0]
    assert row["cpu_ratio"] is None and row["rps_ratio"] is None


def test_result_stem_is_date_and_file_safe_machine_name():
    assert result_stem(datetime(2026, 11, 23, 15, 0), "build box/1") == "2026-11-23-build-box-1"
