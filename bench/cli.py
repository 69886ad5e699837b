"""``python -m bench`` (also ``pawgraph bench``): our router side by side with Hive Gateway
(with and without router-runtime) and Apollo Gateway, in one run on this machine.

Steps: install the pinned peers (npm ci) -> start stores (embedded unless configured) and
seed the demo world + a 500-pet owner -> start the real subgraphs and the replay stand-ins
-> per mode (real, replay): start the four routers, correctness gate, interleaved rounds
-> write ``bench/results/<date>-<machine>.json``, ``.md`` (ratios, figures) and ``.png``.
Every load is bounded in count and time, loopback only; ``--quick`` is a short smoke run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

DESCRIPTION = __doc__.split("\n\n")[0].replace("``", "")
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=DESCRIPTION)
    add_arguments(parser)
    return parser


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The bench's options (also mounted as ``pawgraph bench``)."""
    from bench.results import MODES, ROUTERS

    p.add_argument("--quick", action="store_true",
                   help="one short round (a smoke run, ~3 minutes); figures are indicative only")
    p.add_argument("--rounds", type=int, help="interleaved rounds (default 3, quick 1)")
    p.add_argument("--routers", default=",".join(ROUTERS), help="comma-separated subset")
    p.add_argument("--modes", default=",".join(MODES), help="real, replay or both")
    p.add_argument("--workloads", default="", help="comma-separated subset (default: all)")
    p.add_argument("--concurrency", type=int, default=10)
    p.add_argument("--max-ops", type=int, help="operations per measurement (default 400)")
    p.add_argument("--max-seconds", type=float, help="seconds per measurement (default 2)")
    p.add_argument("--time-limit", type=float, default=12.0,
                   help="minutes after which no new measurement starts (default 12)")
    p.add_argument("--out", default=str(RESULTS), help="results directory")
    p.add_argument("--keep-logs", action="store_true", help="keep process logs (path printed)")


def ensure_python_packages() -> None:
    """The bench's own packages (bench/requirements.txt), installed into .venv when missing."""
    try:
        import matplotlib  # noqa: F401 - imported only to see whether it is installed
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "-r", str(HERE / "requirements.txt")], check=True)


def _limits(args, started: float):
    from bench.runner import Limits

    quick = args.quick
    return Limits(rounds=args.rounds or (1 if quick else 3), concurrency=args.concurrency,
                  max_ops=args.max_ops or (60 if quick else 400),
                  max_seconds=args.max_seconds or (1.0 if quick else 2.0),
                  warmup_ops=10 if quick else 30, deadline=started + args.time_limit * 60)


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    sys.exit(run(args))


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _stop_on_signals() -> None:
    """SIGTERM/SIGINT (even when started in the background, where SIGINT is ignored) unwind
    normally, so every process and embedded store this run started is stopped."""
    import signal

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _interrupt)


def run(args: argparse.Namespace) -> int:
    from bench import routers
    from bench.procs import core_plan

    started = time.monotonic()
    _stop_on_signals()
    ensure_python_packages()
    routers.ensure_peers()
    router_cpus, other_cpus = core_plan()
    if other_cpus:
        import os

        os.sched_setaffinity(0, other_cpus)  # the load generator stays off the router's core
    run_dir = Path(tempfile.mkdtemp(prefix="pawgraph-bench-run-"))
    try:
        doc = _run(args, started, run_dir, router_cpus, other_cpus)
    finally:
        if args.keep_logs:
            print(f"bench: logs kept in {run_dir / 'logs'}")
        else:
            shutil.rmtree(run_dir, ignore_errors=True)
    return _write(doc, Path(args.out))


def _run(args, started, run_dir, router_cpus, other_cpus) -> dict:
    from bench import machine, routers, runner
    from bench.data import open_stores
    from bench.deploy import Deployment
    from bench.report import growth
    from bench.results import ratios
    from bench.workloads import build_workloads

    limits = _limits(args, started)
    deadline = limits.deadline
    names = runner.golden_router([r.strip() for r in args.routers.split(",") if r.strip()])
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    started_at = datetime.now(UTC)
    described = machine.describe(router_cpus, other_cpus)
    runner.log("starting stores and seeding the demo world + a 500-pet owner ...")
    stores = open_stores(_base_settings())
    deploy = Deployment(stores, run_dir, router_cpus, other_cpus)
    outcomes = []
    try:
        sdl = (routers.ROOT / "schema.graphql").read_text()
        workloads = _select(build_workloads(stores.world, _issuer(stores.settings), sdl),
                            args.workloads)
        deploy.start_subgraphs()
        deploy.start_replay()
        active = [w for w in workloads if not w.skipped]
        order = [m for m in ("replay", "real") if m in modes]
        for i, mode in enumerate(order):
            share = (deadline - time.monotonic()) / (len(order) - i)
            limits.deadline = min(deadline, time.monotonic() + share)
            outcomes.append(runner.run_mode(deploy, mode, names, sdl, active, limits))
    finally:
        deploy.stop_all()
        stores.close()
    entries = runner.entries(outcomes, workloads)
    described["loadavg_after"] = machine.loadavg()
    return {
        "schema_version": 1, "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_s": round(time.monotonic() - started, 1), "machine": described,
        "config": {"rounds": limits.rounds, "concurrency": limits.concurrency,
                   "max_ops": limits.max_ops, "max_seconds": limits.max_seconds,
                   "warmup_ops": limits.warmup_ops, "quick": args.quick,
                   "routers": names, "modes": modes},
        "versions": routers.versions(),
        "workloads": [{"name": w.name, "operation": w.operation, "list_size": w.list_size,
                       "variants": len(w.variants), "skipped": w.skipped,
                       "new_document_each_time": w.new_document_each_time, "document": w.document}
                      for w in workloads],
        "gate": [{"router": r, "mode": o.mode, "workload": w, "status": s}
                 for o in outcomes for (r, w), s in sorted(o.gate.items())],
        "entries": entries, "ratios": ratios(entries), "growth": growth(entries),
        "notes": NOTES + [n for o in outcomes for n in o.notes],
    }


NOTES = [
    "Every router does the same auth work in its own process: verify the client's EdDSA access "
    "token once per request and sign a router identity token (EdDSA JWT with a SHA-256 of the "
    "exact body) for every subgraph call. Peers do it in a fetch hook (bench/peers/gateway.mjs), "
    "so no proxy sits between them and the subgraphs and their measured CPU includes it.",
    "Real subgraphs run `subgraphs.registry.create_app` (what `pawgraph subgraph` serves) via "
    "bench/subgraph_host.py, which adds request and SQL/Mongo statement counters.",
    "Replay stand-ins answer from responses recorded through the real subgraphs for each "
    "router's own subgraph requests (keyed by subgraph, query, variables, user).",
    "MyPets has no variables: its request variants differ in the access token (scope claim); "
    "the other workloads vary their variables (20 pets or clinics).",
    "first-time-planning sends PetDashboard with a never-seen root alias per request.",
]


def _base_settings():
    from pawgraph.settings import Settings

    return Settings()


def _issuer(settings):
    from auth.keys import load_key
    from auth.tokens import TokenIssuer

    issuer = TokenIssuer(load_key(settings, "issuer"), issuer=settings.auth.issuer,
                         audience=settings.auth.audience, ttl_seconds=3600)
    try:
        from auth.scopes import scopes_for_roles
    except ImportError:  # before scopes existed, tokens carried only what was asked for
        def scopes_for_roles(roles: Iterable[str]) -> frozenset[str]:
            return frozenset()

    granted = scopes_for_roles(["owner"])
    return lambda user_id, scopes: issuer.issue(user_id, ["owner"], {*granted, *scopes})


def _select(workloads, wanted: str):
    names = [w.strip() for w in wanted.split(",") if w.strip()]
    if not names:
        return workloads
    unknown = set(names) - {w.name for w in workloads}
    if unknown:
        raise SystemExit(f"unknown workloads: {', '.join(sorted(unknown))}")
    return [w for w in workloads if w.name in names]


def _write(doc: dict, out: Path) -> int:
    from bench.report import summary_markdown, write_chart
    from bench.results import result_stem

    out.mkdir(parents=True, exist_ok=True)
    stem = result_stem(datetime.fromisoformat(doc["started_at"]), doc["machine"]["hostname"])
    if doc["config"]["quick"]:
        stem += "-quick"
    chart = out / f"{stem}.png"
    has_chart = write_chart(doc["entries"], chart)
    (out / f"{stem}.json").write_text(json.dumps(doc, indent=2) + "\n")
    (out / f"{stem}.md").write_text(summary_markdown(doc, chart.name if has_chart else None))
    print(f"bench: wrote {out / stem}.json, .md{', .png' if has_chart else ''}")
    failed = [g for g in doc["gate"] if g["status"] != "ok"]
    return 1 if failed or not doc["entries"] else 0
