"""A bench run: stores -> real subgraphs -> per mode: routers, gate, interleaved rounds.

Order: replay mode first (the router's cost alone; routers call the replay stand-ins: a
recording pass through the real subgraphs, then the stand-ins switch to replay, the gate runs
on recordings alone and the rounds run), then real mode (routers call the real subgraphs
directly). Each mode gets an equal share of the remaining time budget. Within a mode, rounds are interleaved:
round r measures every workload on every router, the router order rotated each round.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import httpx

from bench import procs
from bench.deploy import Deployment
from bench.gate import run_gate
from bench.load import run_load
from bench.results import OURS, RoundFigures, aggregate
from bench.workloads import Workload


@dataclass
class Limits:
    rounds: int = 3
    concurrency: int = 10
    max_ops: int = 400
    max_seconds: float = 2.5
    warmup_ops: int = 30
    deadline: float = 0.0  # time.monotonic() after which no new measurement starts


@dataclass
class ModeOutcome:
    mode: str
    gate: dict[tuple[str, str], str] = field(default_factory=dict)
    figures: dict[tuple[str, str], list[RoundFigures]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


async def measure(deploy: Deployment, router: str, workload: Workload, mode: str,
                  limits: Limits, client: httpx.AsyncClient) -> RoundFigures:
    proc = deploy.routers[router]
    stream = workload.stream()
    await run_load(proc.url, stream, concurrency=limits.concurrency,
                   max_ops=limits.warmup_ops, max_seconds=1.0)
    before, cpu_before = await deploy.counters(client, mode), procs.cpu_seconds(proc.pid)
    load = await run_load(proc.url, stream, concurrency=limits.concurrency,
                          max_ops=limits.max_ops, max_seconds=limits.max_seconds)
    cpu_after, after = procs.cpu_seconds(proc.pid), await deploy.counters(client, mode)
    if load.first_error:
        log(f"  {router} {workload.name}: {load.errors} errors, first: {load.first_error}")

    def delta(key: str) -> int | None:
        end = after.get(key)
        if end is None:
            return None
        start = before[key]
        assert start is not None, "a mode counts the same figures before and after"
        return end - start

    requests = delta("requests")
    assert requests is not None, "both modes count subgraph requests"
    return RoundFigures(ops=load.ops, errors=load.errors, seconds=load.seconds,
                        cpu_seconds=cpu_after - cpu_before, latencies_ms=load.latencies_ms,
                        subgraph_requests=requests, sql_statements=delta("sql"),
                        mongo_commands=delta("mongo"), rss_mb=procs.rss_mb(proc.pid))


async def run_rounds(deploy: Deployment, outcome: ModeOutcome, workloads: list[Workload],
                     limits: Limits) -> None:
    names = list(deploy.routers)
    async with httpx.AsyncClient(timeout=30) as client:
        for r in range(limits.rounds):
            order = names[r % len(names):] + names[:r % len(names)]
            for workload in workloads:
                for router in order:
                    if outcome.gate.get((router, workload.name)) != "ok":
                        continue
                    if time.monotonic() > limits.deadline:
                        outcome.notes.append(f"{outcome.mode}: time limit reached in round "
                                             f"{r + 1}; later measurements skipped")
                        return
                    figures = await measure(deploy, router, workload, outcome.mode, limits,
                                            client)
                    outcome.figures.setdefault((router, workload.name), []).append(figures)
                    f = figures.figures()
                    log(f"  {outcome.mode} r{r + 1} {workload.name:22} {router:28} "
                        f"cpu {f['cpu_ms_per_op']:8.2f} ms/op  {f['rps']:7.1f} rps  "
                        f"p99 {f['p99_ms']:7.1f} ms  sg {f['subgraph_requests_per_op']:.1f}/op")


def run_mode(deploy: Deployment, mode: str, router_names: list[str], sdl: str,
             workloads: list[Workload], limits: Limits) -> ModeOutcome:
    outcome = ModeOutcome(mode)
    log(f"{mode}: starting {', '.join(router_names)}")
    deploy.start_routers(router_names, sdl, mode)
    try:
        urls = {name: deploy.routers[name].url for name in router_names}
        if mode == "replay":
            deploy.set_replay_mode("record")
            record = asyncio.run(run_gate(urls, workloads))  # also records every request
            deploy.set_replay_mode("replay")
        outcome.gate = asyncio.run(run_gate(urls, workloads))
        if mode == "replay":  # a router must pass on the real subgraphs and on recordings
            outcome.gate = {k: v if v != "ok" else record[k] for k, v in outcome.gate.items()}
        for (router, workload), status in sorted(outcome.gate.items()):
            if status != "ok":
                log(f"{mode}: gate FAILED {router} {workload}: {status}")
        log(f"{mode}: gate passed for {sum(s == 'ok' for s in outcome.gate.values())}"
            f"/{len(outcome.gate)} router x workload pairs")
        asyncio.run(run_rounds(deploy, outcome, workloads, limits))
    finally:
        deploy.stop_routers()
    return outcome


def entries(outcomes: list[ModeOutcome], workloads: list[Workload]) -> list[dict]:
    sizes = {w.name: w.list_size for w in workloads}
    out = []
    for outcome in outcomes:
        for (router, workload), rounds in sorted(outcome.figures.items()):
            entry = aggregate(router, outcome.mode, workload, sizes.get(workload), rounds)
            out.append(entry.to_json())
    return out


def golden_router(names: list[str]) -> list[str]:
    """Ours first: its answers are the golden responses."""
    return sorted(names, key=lambda n: n != OURS)
