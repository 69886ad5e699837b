"""``python -m bench.profile``: where our router spends its CPU, sampled with py-spy.

Same set-up as the bench (stores, real subgraphs, replay stand-ins) with our router only:
record through the real subgraphs, switch to replay, then run a bounded load per workload
while ``py-spy record --format raw`` samples the router process. Prints and writes
``bench/results/<date>-<machine>-profile.md``: the functions with the most samples, self
(the frame itself) and inclusive (anywhere on the stack), per workload.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bench.cli import RESULTS, _base_settings, _issuer, _stop_on_signals, ensure_python_packages

DEFAULT_WORKLOADS = "pet-dashboard,my-pets-100,first-time-planning"
FrameCounts = list[tuple[str, int]]  # (frame, samples), most samples first


# Frames on (nearly) every stack: the process entry and the event loop, not the work.
PLUMBING = ("<frozen runpy>", "asyncio/", "uvicorn/", "starlette/", "pawgraph/cli.py",
            "pawgraph/__main__.py", "pawgraph/processes.py")


def top_frames(raw: str, limit: int = 15) -> tuple[FrameCounts, FrameCounts, int]:
    """(self, inclusive, total samples) from py-spy's collapsed stacks (``a;b;c N`` lines);
    the inclusive list leaves out the entry point and event-loop plumbing."""
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames, n = stack.split(";"), int(count)
        total += n
        own[_short(frames[-1])] += n
        for frame in {_short(f) for f in frames}:
            if not any(p in frame for p in PLUMBING):
                inclusive[frame] += n
    return own.most_common(limit), inclusive.most_common(limit), total


def _short(frame: str) -> str:
    """``func (path/to/module.py:12)`` -> ``func (module.py)``; lines vary, functions do not."""
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    parts = Path(path).parts
    return f"{name} ({'/'.join(parts[-2:]) if parts else path})"


def _table(title: str, rows: FrameCounts, total: int) -> list[str]:
    lines = [f"**{title}**", "", "| share | function |", "|---|---|"]
    lines += [f"| {n / total * 100:5.1f}% | `{frame}` |" for frame, n in rows]
    return lines + [""]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--workloads", default=DEFAULT_WORKLOADS)
    parser.add_argument("--seconds", type=float, default=8.0, help="load per workload")
    parser.add_argument("--rate", type=int, default=250, help="py-spy samples per second")
    args = parser.parse_args(argv)
    _stop_on_signals()
    ensure_python_packages()
    run_dir = Path(tempfile.mkdtemp(prefix="pawgraph-bench-profile-"))
    try:
        report = _profile(args, run_dir)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    import socket

    from bench.results import result_stem

    out = RESULTS / f"{result_stem(datetime.now(UTC), socket.gethostname())}-profile.md"
    out.write_text(report)
    print(report)
    print(f"bench: wrote {out}")


def _profile(args, run_dir: Path) -> str:
    from bench import routers
    from bench.data import open_stores
    from bench.deploy import Deployment
    from bench.gate import run_gate
    from bench.procs import core_plan
    from bench.workloads import build_workloads

    router_cpus, other_cpus = core_plan()
    stores = open_stores(_base_settings())
    deploy = Deployment(stores, run_dir, router_cpus, other_cpus)
    sections = [f"# Where our router spends CPU ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)", "",
                "py-spy samples of the `pawgraph router` process under a closed-loop load of 10 "
                "connections against the replay stand-ins (router cost alone).", ""]
    try:
        sdl = (routers.ROOT / "schema.graphql").read_text()
        wanted = set(args.workloads.split(","))
        workloads = [w for w in build_workloads(stores.world, _issuer(stores.settings), sdl)
                     if w.name in wanted and not w.skipped]
        deploy.start_subgraphs()
        deploy.start_replay()
        deploy.start_routers(["pawgraph"], sdl, "replay")
        urls = {"pawgraph": deploy.routers["pawgraph"].url}
        status = asyncio.run(run_gate(urls, workloads))
        deploy.set_replay_mode("replay")
        deploy.stop_subgraphs()
        for workload in workloads:
            if status[("pawgraph", workload.name)] != "ok":
                sections.append(f"{workload.name}: gate failed: {status[('pawgraph', workload.name)]}")
                continue
            sections += _sample(deploy, workload, args, run_dir)
    finally:
        deploy.stop_all()
        stores.close()
    return "\n".join(sections) + "\n"


def _sample(deploy, workload, args, run_dir: Path) -> list[str]:
    from bench.load import run_load

    proc = deploy.routers["pawgraph"]
    url = proc.url
    asyncio.run(run_load(url, workload.stream(), concurrency=10, max_ops=50, max_seconds=2))
    raw = run_dir / f"{workload.name}.txt"
    spy = subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record", "--format",
                            "raw", "--nonblocking", "-r", str(args.rate), "-p", str(proc.pid),
                            "-o", str(raw), "-d", str(int(args.seconds) + 1)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    load = asyncio.run(run_load(url, workload.stream(), concurrency=10, max_ops=100_000,
                                max_seconds=args.seconds))
    spy.wait(args.seconds + 30)
    own, inclusive, total = top_frames(raw.read_text() if raw.exists() else "")
    if not total:
        return [f"## {workload.name}", "", "no samples (py-spy needs ptrace permission)", ""]
    return ([f"## {workload.name}", "", f"{load.ops} operations, {total} samples.", ""]
            + _table("self", own, total) + _table("inclusive", inclusive, total))


if __name__ == "__main__":
    main()
