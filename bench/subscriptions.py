"""Subscriptions through one router process: delivery rate to 1,000 subscribers and latency.

    .venv/bin/python -m bench.subscriptions [--subscribers 1000] [--rounds 20] [--concurrency 4]

Not part of the test suite. Starts embedded stores under a temporary directory (or uses
``PAWGRAPH_*__URL``), seeds the demo world, runs ``pawgraph subgraph NAME`` x7 and one
``pawgraph router`` as processes, then opens ``--subscribers`` real WebSocket connections
(graphql-transport-ws, one subscription each) to the router: ``appointmentStatusChanged``
with ``pet { name }`` (so every event also costs an ``_entities`` fetch to profiles) on 20
requested home visits of 20 different owners (subscribers / 20 per owner: the router's
per-user limit is 50). Events come from ``appointmentEnRoute`` (ETA updates) by an admin.

Phases (loopback, this machine; the WebSocket clients share the bench's process):
- latency: one mutation at a time; for every delivery, time from sending the mutation to
  the subscriber receiving the event (p50/p99 over all deliveries);
- throughput: ``--concurrency`` mutation loops for ``--rounds`` rounds over the 20
  appointments; delivered events / wall time from the first mutation to the last delivery.

The result also gives the connections Redis holds (all / pub-sub) 3 s after the last
subscribe and at the end (``redis_clients``), each process's CPU seconds over the whole run
(``cpu_seconds``: where the work goes) and the load average at the end (a shared machine).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import orjson

if TYPE_CHECKING:
    from pawgraph.demo import World
    from pawgraph.demo.model import Appointment

ROOT = Path(__file__).resolve().parents[1]
WATCH = ("subscription($id: ID!) { appointmentStatusChanged(appointmentId: $id) "
         "{ id status etaMinutes pet { name } } }")
CONFIRM = ("mutation($id: ID!) { appointmentConfirm(input: {appointmentId: $id}) "
           "{ errors { code } } }")
EN_ROUTE = ("mutation($id: ID!, $eta: Int!) { appointmentEnRoute(input: {appointmentId: $id, "
            "etaMinutes: $eta}) { errors { code } } }")
APPOINTMENTS = 20


@dataclass
class Deliveries:
    """Receive times per (appointment, eta) and a count of everything delivered."""

    seen: dict[tuple[str, int], list[float]] = field(default_factory=dict)
    total: int = 0
    errors: int = 0
    last: float = 0.0
    first_error: dict | None = None

    def record(self, message: dict) -> None:
        now = time.perf_counter()
        data = (message.get("payload") or {}).get("data") or {}
        event = data.get("appointmentStatusChanged")
        if message.get("type") != "next" or not event or not event["pet"]:
            self.errors += 1
            self.first_error = self.first_error or message
            return
        self.total, self.last = self.total + 1, now
        self.seen.setdefault((event["id"], event["etaMinutes"]), []).append(now)


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class _Process(subprocess.Popen[bytes]):
    """A started subgraph or router process and the name its CPU seconds are reported by."""

    bench_name: str = "?"


def _free_port() -> int:
    from persistence.embedded import free_port

    return free_port()


async def _prepare(settings, urls, world):
    from pawgraph.demo.seed import seed_all
    from pawgraph.provision import migrate_all
    from pawgraph.stores import with_urls
    from persistence.postgres import drop_database, ensure_database

    await drop_database(urls["postgres"], "pawgraph_bench_subs")
    db_url = await ensure_database(urls["postgres"], "pawgraph_bench_subs")
    ready = with_urls(settings, postgres=db_url, mongo=urls["mongo"], redis=urls["redis"],
                      mongo_database="pawgraph_bench_subs", redis_prefix="bench_subs:")
    await migrate_all(ready)
    await seed_all(ready, world)
    return ready


def _env(settings) -> dict[str, str]:
    return {**os.environ, "PAWGRAPH_ENV": "test", "PAWGRAPH_DATA_DIR": str(settings.data_dir),
            "PAWGRAPH_POSTGRES__URL": settings.postgres.url,
            "PAWGRAPH_MONGO__URL": settings.mongo.url,
            "PAWGRAPH_MONGO__DATABASE": settings.mongo.database,
            "PAWGRAPH_REDIS__URL": settings.redis.url,
            "PAWGRAPH_REDIS__KEY_PREFIX": settings.redis.key_prefix}


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 1)


def _wait_healthy(url: str, procs: Sequence[subprocess.Popen[bytes]], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                raise RuntimeError(f"{proc.args!r} exited with {proc.returncode} (see its log)")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


def _start_processes(settings, logs: Path, procs: list[_Process]) -> str:
    """Start the subgraphs and the router, appending to ``procs`` (stopped by the caller)."""
    from subgraphs.registry import SUBGRAPHS

    env, cli = _env(settings), [sys.executable, "-m", "pawgraph"]

    def spawn(name: str, args: list[str]) -> None:
        with open(logs / f"{name}.log", "wb") as log:
            procs.append(_Process([*cli, *args], env=env, cwd=ROOT, stderr=log,
                                  stdout=subprocess.DEVNULL, preexec_fn=_raise_fd_limit))
            procs[-1].bench_name = name

    for name in SUBGRAPHS:
        port = _free_port()
        env[f"PAWGRAPH_SUBGRAPH_URLS__{name.upper()}"] = f"http://127.0.0.1:{port}/graphql"
        spawn(name, ["subgraph", name, "--port", str(port)])
    port = _free_port()
    spawn("router", ["router", "--supergraph", str(ROOT / "schema.graphql"), "--port", str(port)])
    for name in SUBGRAPHS:
        url = env[f"PAWGRAPH_SUBGRAPH_URLS__{name.upper()}"].replace("/graphql", "/health")
        _wait_healthy(url, procs)
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(f"{url}/health", procs)
    return url


def _targets(world: World) -> list[Appointment]:
    """Requested home visits of distinct owners that have an account."""
    accounts = {a.id for a in world.accounts}
    chosen, owners = [], set()
    for a in world.appointments:
        if (a.kind == "HOME_VISIT" and a.status == "requested" and a.owner_id in accounts
                and a.owner_id not in owners):
            chosen.append(a)
            owners.add(a.owner_id)
    if len(chosen) < APPOINTMENTS:
        raise SystemExit(f"demo world has only {len(chosen)} suitable home visits")
    return chosen[:APPOINTMENTS]


async def _subscriber(url: str, token: str, appointment_id: str, out: Deliveries,
                      ready: asyncio.Event, counter: list[int], wanted: int) -> None:
    from websockets.asyncio.client import connect
    from websockets.typing import Subprotocol

    async with connect(url.replace("http", "ws") + "/graphql", max_queue=None,
                       subprotocols=[Subprotocol("graphql-transport-ws")], open_timeout=60) as ws:
        await ws.send(orjson.dumps({"type": "connection_init", "payload": {
            "Authorization": f"Bearer {token}"}}).decode())
        assert orjson.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(orjson.dumps({"id": "1", "type": "subscribe", "payload": {
            "query": WATCH, "variables": {"id": appointment_id}}}).decode())
        counter[0] += 1
        if counter[0] == wanted:
            ready.set()
        async for raw in ws:
            out.record(orjson.loads(raw))


async def _mutate(client: httpx.AsyncClient, url: str, token: str, query: str,
                  variables: dict) -> None:
    body = (await client.post(f"{url}/graphql", json={"query": query, "variables": variables},
                              headers={"authorization": f"Bearer {token}"})).json()
    payload = next(iter((body.get("data") or {}).values()), None)
    if not payload or payload["errors"]:
        raise RuntimeError(f"mutation failed: {body}")


async def _redis_clients(url: str) -> dict[str, int]:
    """Connections Redis holds right now, and how many of them are pub/sub listeners."""
    from persistence.redis import create_client

    client = create_client(url)
    try:
        clients = await client.client_list()
    finally:
        await client.aclose()
    return {"connections": len(clients),
            "pubsub": sum(1 for c in clients if int(c.get("sub") or 0) > 0)}


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def _wait_for(out: Deliveries, total: int, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while out.total < total and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)


async def _latency_phase(url: str, admin: str, targets: list[Appointment], out: Deliveries,
                         per: int, samples: int) -> list[float]:
    latencies: list[float] = []
    async with httpx.AsyncClient(timeout=60) as client:
        for i in range(samples):
            appointment = targets[i % len(targets)]
            eta, expected = 1000 + i, out.total + per
            sent = time.perf_counter()
            await _mutate(client, url, admin, EN_ROUTE, {"id": appointment.id, "eta": eta})
            await _wait_for(out, expected)
            latencies += [(t - sent) * 1000 for t in out.seen.get((appointment.id, eta), [])]
    return latencies


async def _throughput_phase(url: str, admin: str, targets: list[Appointment], out: Deliveries,
                            per: int, rounds: int,
                            concurrency: int) -> tuple[int, int, float, float]:
    """(delivered, mutations, seconds mutating, seconds until the last delivery)."""
    start_total, work = out.total, [(a, r) for r in range(rounds) for a in targets]
    queue: asyncio.Queue[tuple[Appointment, int]] = asyncio.Queue()
    for item in work:
        queue.put_nowait(item)

    async def loop(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            appointment, r = queue.get_nowait()
            await _mutate(client, url, admin, EN_ROUTE, {"id": appointment.id, "eta": r + 1})

    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=60) as client:
        await asyncio.gather(*(loop(client) for _ in range(concurrency)))
    mutated = time.perf_counter()
    await _wait_for(out, start_total + len(work) * per)
    delivered = out.total - start_total
    return delivered, len(work), mutated - started, out.last - started


async def _run(url, settings, world, args) -> dict:
    from auth.keys import load_key
    from auth.tokens import TokenIssuer

    issuer = TokenIssuer(load_key(settings, "issuer"), issuer=settings.auth.issuer,
                         audience=settings.auth.audience, ttl_seconds=3600)
    token = {a.id: issuer.issue(a.id, a.roles, clinic_id=a.clinic_id) for a in world.accounts}
    admin = next(token[a.id] for a in world.accounts if a.email == "admin@demo.test")
    targets = _targets(world)
    per = args.subscribers // len(targets)
    async with httpx.AsyncClient(timeout=60) as client:
        for a in targets:
            await _mutate(client, url, admin, CONFIRM, {"id": a.id})
    out, ready, counter = Deliveries(), asyncio.Event(), [0]
    wanted = per * len(targets)
    tasks = [asyncio.create_task(_subscriber(url, token[a.owner_id], a.id, out, ready, counter,
                                             wanted))
             for a in targets for _ in range(per)]
    await asyncio.wait_for(ready.wait(), 300)
    _say("subscribed; latency phase")
    ended = [t for t in tasks if t.done()]
    if ended:
        raise RuntimeError(f"{len(ended)} subscribers ended early: {ended[0].exception()!r}")
    if out.errors:
        raise RuntimeError(f"subscriptions failed: {out.errors} x {out.first_error}")
    await asyncio.sleep(3)  # every upstream subscription is listening on Redis
    subscribed = await _redis_clients(settings.redis.url)
    latencies = await _latency_phase(url, admin, targets, out, per, args.latency_samples)
    _say("throughput phase")
    delivered, mutations, mutate_s, deliver_s = await _throughput_phase(
        url, admin, targets, out, per, args.rounds, args.concurrency)
    redis_clients = {"subscribed": subscribed, "end": await _redis_clients(settings.redis.url)}
    for task in tasks:
        task.cancel()
    return {"subscribers": wanted, "redis_clients": redis_clients,
            "latency_ms_p50": _pct(latencies, 0.5),
            "latency_ms_p99": _pct(latencies, 0.99), "latency_deliveries": len(latencies),
            "mutations": mutations, "delivered": delivered,
            "expected": mutations * per, "events_per_s": delivered / deliver_s,
            "mutations_per_s": mutations / mutate_s, "errors": out.errors,
            "first_error": out.first_error}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.subscriptions",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20, help="mutations per appointment")
    parser.add_argument("--concurrency", type=int, default=4, help="mutation loops")
    parser.add_argument("--latency-samples", type=int, default=40)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the children on termination
    _raise_fd_limit()
    from pawgraph.demo.world import build_world
    from pawgraph.settings import Environment, Settings
    from pawgraph.stores import start_missing

    data_dir = Path(tempfile.mkdtemp(prefix="pawgraph-bench-subs-"))
    data_dir.chmod(0o755)
    settings = Settings(env=Environment.TEST, data_dir=data_dir)
    world = build_world()
    urls, embedded = start_missing(settings, data_dir)
    procs: list[_Process] = []
    try:
        _say("stores up; migrating and seeding the demo world")
        settings = asyncio.run(_prepare(settings, urls, world))
        from auth.keys import load_key

        for name in ("issuer", "router"):  # dev keys once, before any process races for them
            load_key(settings, name)
        _say("starting 7 subgraph processes and the router")
        url = _start_processes(settings, data_dir, procs)
        _say(f"router at {url}; opening {args.subscribers} subscriptions")
        result = asyncio.run(_run(url, settings, world, args))
        result["cpu_seconds"] = {p.bench_name: _cpu_seconds(p.pid) for p in procs}
        result["cpu_seconds"]["bench_clients"] = round(sum(os.times()[:2]), 1)
        result["load_average"] = [round(x, 2) for x in os.getloadavg()]
        print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())
        if result["delivered"] < result["expected"]:
            for name in ("router", "appointments"):
                _say(f"{name}.log: " + (data_dir / f"{name}.log").read_text()[-1500:])
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        embedded.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
