"""Processes of a bench run: start pinned to CPUs, wait until serving, read /proc, stop.

CPU time comes from ``/proc/<pid>/task/*/schedstat`` (time on CPU of every thread of the
process, in nanoseconds: 10 ms clock ticks are too coarse for short runs), RSS from
``/proc/<pid>/status``. Only processes started here are ever stopped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

TICKS = os.sysconf("SC_CLK_TCK")


def core_plan() -> tuple[set[int] | None, set[int] | None]:
    """(router CPUs, everything-else CPUs): the router alone on one core when there are two."""
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return None, None
    return {cpus[0]}, set(cpus[1:])


def cpu_seconds(pid: int) -> float:
    """CPU time of every live thread of ``pid``, in seconds, at nanosecond resolution
    (``/proc/<pid>/task/*/schedstat``); clock ticks from ``/proc/<pid>/stat`` as a fallback."""
    total_ns = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                total_ns += int((task / "schedstat").read_text().split()[0])
            except (OSError, IndexError, ValueError):
                continue  # a thread that just exited
        if total_ns:
            return total_ns / 1e9
    except OSError:
        pass
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rfind(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_mb(pid: int) -> float | None:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


@dataclass
class Proc:
    name: str
    popen: subprocess.Popen
    log: Path
    url: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def spawn(name: str, cmd: Sequence[str], *, env: dict[str, str], cwd: Path, logs: Path,
          cpus: set[int] | None) -> Proc:
    log = logs / f"{name}.log"
    handle = log.open("wb")

    def pin() -> None:
        if cpus:
            os.sched_setaffinity(0, cpus)  # before exec: every later thread inherits it

    popen = subprocess.Popen(list(cmd), env=env, cwd=cwd, stdout=handle,
                             stderr=subprocess.STDOUT, preexec_fn=pin)
    handle.close()
    return Proc(name, popen, log)


def listening_port(pid: int) -> int | None:
    """The TCP port ``pid`` listens on (from /proc), so processes can bind port 0 themselves:
    picking a free port first races with other test runs on a shared machine."""
    inodes = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        return None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            if cols[3] == "0A" and cols[9] in inodes:  # 0A = LISTEN
                return int(cols[1].rsplit(":", 1)[1], 16)
    return None


def wait_listening(proc: Proc, timeout: float = 90.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not proc.alive():
            raise RuntimeError(f"{proc.name} exited ({proc.popen.returncode}):\n{proc.log_tail()}")
        port = listening_port(proc.pid)
        if port:
            return port
        time.sleep(0.1)
    raise TimeoutError(f"{proc.name} is not listening:\n{proc.log_tail()}")


def wait_http(proc: Proc, url: str, *, post_graphql: bool, timeout: float = 90.0) -> None:
    """Wait until ``url`` answers (GET 200, or a GraphQL POST of ``{ __typename }``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not proc.alive():
            raise RuntimeError(f"{proc.name} exited ({proc.popen.returncode}):\n{proc.log_tail()}")
        try:
            if post_graphql:
                response = httpx.post(url, json={"query": "{ __typename }"}, timeout=2)
            else:
                response = httpx.get(url, timeout=2)
            if response.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{proc.name} not ready at {url}:\n{proc.log_tail()}")


def stop(procs: Sequence[Proc], timeout: float = 15.0) -> None:
    for proc in procs:
        if proc.alive():
            proc.popen.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for proc in procs:
        try:
            proc.popen.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.popen.kill()
            proc.popen.wait(5)
