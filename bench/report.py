"""The human side of a result document: markdown summary (ratios, figures, growth) and a
PNG chart of router CPU per operation against list size (MyPets for 1..500 pets)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.results import OURS, ROUTERS
from bench.stats import growth_exponent, marginal_costs


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def growth(entries: Sequence[dict]) -> list[dict[str, Any]]:
    """Per router x mode: CPU/op and subgraph requests/op across MyPets list sizes."""
    rows = []
    for mode in sorted({e["mode"] for e in entries}):
        for router in ROUTERS:
            points = sorted((e["list_size"], e) for e in entries
                            if e["router"] == router and e["mode"] == mode
                            and e["workload"].startswith("my-pets-"))
            if len(points) < 2:
                continue
            sizes = [s for s, _ in points]
            cpu = [e["cpu_ms_per_op"] for _, e in points]
            requests = [e["subgraph_requests_per_op"] for _, e in points]
            rows.append({"router": router, "mode": mode, "sizes": sizes, "cpu_ms_per_op": cpu,
                         "cpu_growth_exponent": growth_exponent(sizes, cpu),
                         "cpu_ms_per_extra_item": marginal_costs(sizes, cpu),
                         "subgraph_requests_per_op": requests,
                         "requests_constant": max(requests) - min(requests) < 0.05})
    return rows


def _entries_table(entries: Sequence[dict], mode: str) -> list[str]:
    lines = [f"### {mode} subgraphs", "",
             "| workload | router | CPU ms/op (spread %) | rps | p50 ms | p99 ms | subgraph req/op "
             "| SQL/op | RSS MB |", "|---|---|---|---|---|---|---|---|---|"]
    for e in sorted((e for e in entries if e["mode"] == mode),
                    key=lambda e: (e["workload"], ROUTERS.index(e["router"]))):
        spread = (e.get("spread") or {}).get("spread_pct")
        lines.append(f"| {e['workload']} | {e['router']} | {_fmt(e['cpu_ms_per_op'])} "
                     f"({_fmt(spread, 0)}) | {_fmt(e['rps'], 1)} | {_fmt(e['p50_ms'], 1)} | "
                     f"{_fmt(e['p99_ms'], 1)} | {_fmt(e['subgraph_requests_per_op'], 1)} | "
                     f"{_fmt(e.get('sql_statements_per_op'), 1)} | {_fmt(e.get('rss_mb'), 0)} |")
    return lines + [""]


def summary_markdown(doc: dict[str, Any], chart_name: str | None) -> str:
    machine, cfg = doc["machine"], doc["config"]
    lines = [f"# Router bench {doc['started_at'][:16]} on {machine['hostname']}", "",
             f"{machine['cpu_model']}, {machine['cores']} cores; router pinned to CPUs "
             f"{machine['router_cpus']}, load generator + subgraphs to {machine['other_cpus']}. "
             f"Load average before/after: {machine['loadavg_before']} / "
             f"{machine['loadavg_after']}. {machine['note']}", "",
             f"Rounds {cfg['rounds']} (interleaved), concurrency {cfg['concurrency']}, at most "
             f"{cfg['max_ops']} operations or {cfg['max_seconds']} s per measurement"
             f"{' (quick mode)' if cfg['quick'] else ''}. Figures are medians over rounds.", "",
             "## Ours / peer", "",
             "CPU ratio < 1: our router spends less CPU per operation. rps ratio > 1: more "
             "throughput. p99 ratio < 1: lower tail latency.", "",
             "| mode | workload | peer | CPU ratio | rps ratio | p99 ratio |",
             "|---|---|---|---|---|---|"]
    for row in doc["ratios"]:
        lines.append(f"| {row['mode']} | {row['workload']} | {row['peer']} | "
                     f"{_fmt(row['cpu_ratio'])} | {_fmt(row['rps_ratio'])} | "
                     f"{_fmt(row['p99_ratio'])} |")
    lines += ["", "## Figures", ""]
    for mode in ("replay", "real"):
        if any(e["mode"] == mode for e in doc["entries"]):
            lines += _entries_table(doc["entries"], mode)
    lines += ["## Cost growth (MyPets, 1 -> 500 pets)", "",
              "| mode | router | CPU ms/op by size | exponent (1 = linear) | subgraph req/op | "
              "constant |", "|---|---|---|---|---|---|"]
    for row in doc["growth"]:
        sizes = ", ".join(f"{s}: {_fmt(c)}" for s, c in zip(row["sizes"], row["cpu_ms_per_op"]))
        reqs = ", ".join(_fmt(r, 1) for r in row["subgraph_requests_per_op"])
        lines.append(f"| {row['mode']} | {row['router']} | {sizes} | "
                     f"{_fmt(row['cpu_growth_exponent'])} | {reqs} | {row['requests_constant']} |")
    failed = [g for g in doc["gate"] if g["status"] != "ok"]
    lines += ["", "## Correctness gate", "",
              f"{len(doc['gate']) - len(failed)}/{len(doc['gate'])} router x mode x workload "
              "pairs answered exactly like the golden responses."]
    lines += [f"- FAILED {g['router']} {g['mode']} {g['workload']}: {g['status']}" for g in failed]
    skipped = [w for w in doc["workloads"] if w.get("skipped")]
    lines += [f"- skipped workload {w['name']}: {w['skipped']}" for w in skipped]
    if chart_name:
        lines += ["", f"![CPU per operation against list size]({chart_name})"]
    lines += ["", "## Notes", ""] + [f"- {note}" for note in doc["notes"]]
    return "\n".join(lines) + "\n"


def write_chart(entries: Sequence[dict], path: Path) -> bool:
    """Log-log CPU ms/op against MyPets list size, one line per router, a panel per mode."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    modes = [m for m in ("replay", "real") if any(e["mode"] == m for e in entries)]
    if not modes:
        return False
    fig, axes = plt.subplots(1, len(modes), figsize=(6 * len(modes), 4.5), squeeze=False)
    for ax, mode in zip(axes[0], modes):
        for router in ROUTERS:
            points = sorted((e["list_size"], e["cpu_ms_per_op"]) for e in entries
                            if e["router"] == router and e["mode"] == mode
                            and e["workload"].startswith("my-pets-")
                            and e["cpu_ms_per_op"] is not None)
            if points:
                ax.plot([p[0] for p in points], [p[1] for p in points], marker="o",
                        linewidth=2.5 if router == OURS else 1.5, label=router)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("pets in MyPets (list size)")
        ax.set_ylabel("router CPU ms per operation")
        ax.set_title(f"{mode} subgraphs")
        ax.grid(True, which="both", alpha=0.3)
        if ax.lines:
            ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True
