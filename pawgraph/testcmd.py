"""`pawgraph test`: the gates (ruff, mypy), the whole suite, then (in CI, or with --system-stores) the store-backed
tests again against the machine's PostgreSQL, Redis and Mosquitto by URL.

Pass 1 uses the embedded stores (or whatever PAWGRAPH_*__URL says). Pass 2 runs
``tests/integration`` and ``tests/e2e`` with PAWGRAPH_POSTGRES__URL / PAWGRAPH_REDIS__URL /
PAWGRAPH_MQTT__URL pointing at 127.0.0.1:5432 / 127.0.0.1:6379 / 127.0.0.1:1883 when ``CI=true`` and
all answer. pytest's
"no tests ran" (exit 5) is a failure.

The gates run first and fail the run: ``ruff check`` (lint and import order) and ``mypy``
(types), both configured in pyproject.toml. They run for the whole suite (no pytest
arguments) and with ``--gates``; ``--no-gates`` skips them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_STORES = {"PAWGRAPH_POSTGRES__URL": ("127.0.0.1", 5432,
                                            "postgresql://postgres@127.0.0.1:5432/postgres"),
                 "PAWGRAPH_REDIS__URL": ("127.0.0.1", 6379, "redis://127.0.0.1:6379/0"),
                 "PAWGRAPH_MQTT__URL": ("127.0.0.1", 1883, "mqtt://127.0.0.1:1883")}


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _pytest(args: list[str], env: dict[str, str]) -> int:
    rc = subprocess.call([sys.executable, "-m", "pytest", *args], cwd=ROOT, env=env)
    if rc == 5:
        print("pawgraph test: pytest collected no tests - failing", flush=True)
        return 1
    return rc


GATES = (("ruff", ["-m", "ruff", "check", "."]), ("mypy", ["-m", "mypy"]))


def _gates(env: dict[str, str]) -> int:
    """Each gate in turn; the first that fails ends the run with its exit code."""
    for name, args in GATES:
        print(f"pawgraph test: {name} gate ...", flush=True)
        rc = subprocess.call([sys.executable, *args], cwd=ROOT, env=env)
        if rc != 0:
            print(f"pawgraph test: the {name} gate failed", flush=True)
            return rc
    return 0


def _ensure_browser() -> None:
    """The GraphiQL e2e test drives Debian's Chromium; install it when missing (root only)."""
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("pawgraph test: chromium + chromedriver missing; install Debian's 'chromium' "
              "and 'chromium-driver' (the GraphiQL test will fail without them)", flush=True)
        return
    print("pawgraph test: installing chromium and chromium-driver (apt-get) ...", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"],
                   check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                   stdout=subprocess.DEVNULL)


def run_tests(extra: list[str]) -> int:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    _ensure_browser()
    from supergraph.http.graphiql_assets import ensure_assets

    ensure_assets()
    flags = {"--system-stores", "--gates", "--no-gates"}
    system = "--system-stores" in extra
    gates = "--no-gates" not in extra and ("--gates" in extra or not set(extra) - flags)
    extra = [a for a in extra if a not in flags]
    if gates and (rc := _gates(env)) != 0:
        return rc
    rc = _pytest(extra or ["tests"], env)
    if rc != 0 or extra and not system:
        return rc
    if not (system or os.environ.get("CI", "").lower() == "true"):
        return rc
    missing = [f"{h}:{p}" for h, p, _ in SYSTEM_STORES.values() if not _reachable(h, p)]
    if missing:
        print(f"pawgraph test: system stores not reachable ({', '.join(missing)}); "
              "embedded-store pass only", flush=True)
        return rc
    print("pawgraph test: pass 2 - integration and e2e against the machine's PostgreSQL, "
          "Redis and Mosquitto", flush=True)
    env.update({key: url for key, (_, _, url) in SYSTEM_STORES.items()})
    return _pytest(["tests/integration", "tests/e2e"], env)
