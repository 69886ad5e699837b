"""uvicorn servers for tests: on a free loopback port in a background thread
(``BackgroundServer``), or on the test's own event loop (``LoopServer``)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

import uvicorn


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class BackgroundServer:
    """uvicorn serving an ASGI app on a free loopback port in a background thread."""

    def __init__(self, app: Any) -> None:
        self.sock = free_socket()
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "BackgroundServer":
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


class LoopServer(uvicorn.Server):
    """uvicorn serving on the test's own event loop, leaving SIGINT to pytest: uvicorn's
    handler would only ask the server to exit, so the hang watchdog (tests/support/watchdog.py)
    could not interrupt a test while such a server is up."""

    @contextlib.contextmanager
    def capture_signals(self):
        yield
