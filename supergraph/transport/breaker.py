"""A per-subgraph circuit breaker and the per-subgraph request policy.

After ``failure_threshold`` consecutive failed requests the breaker *opens*: requests to
that subgraph fail at once (``SUBREQUEST_HTTP_ERROR``, "circuit open") instead of
waiting for a timeout, so a dead subgraph cannot slow every operation down. After
``reset_after`` seconds one trial request is let through (*half-open*); its success
closes the breaker, its failure opens it again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class SubgraphPolicy:
    """How the router calls one subgraph."""

    timeout: float = 30.0  # seconds for one request, retries included
    failure_threshold: int = 5  # consecutive failures that open the breaker (0 = never)
    reset_after: float = 10.0  # seconds before a trial request


class CircuitBreaker:
    def __init__(self, failure_threshold: int = 5, reset_after: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self.clock = clock
        self.failures = 0
        self.opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None

    def allow(self) -> bool:
        if self.opened_at is None:
            return True
        if self.clock() - self.opened_at >= self.reset_after:
            self.opened_at = self.clock()  # half-open: this request is the trial
            return True
        return False

    def record(self, ok: bool) -> None:
        if ok:
            self.failures = 0
            self.opened_at = None
            return
        self.failures += 1
        if self.failure_threshold and self.failures >= self.failure_threshold:
            self.opened_at = self.clock()
