"""The inactivity sweep: raises INACTIVITY when a still stretch reaches its threshold between
two samples (rules: ``subgraphs.chronic_care.service.inactivity``). A task of the chronic_care
process.

Every ``sweep_seconds`` (``PAWGRAPH_WEARABLES__SWEEP_SECONDS``, 0 = off in this process) one
transaction takes the stretches whose ``due_at`` has passed - at most ``sweep_batch`` rows,
oldest first, through the partial index ``ix_activity_state_due`` (``due_at IS NOT NULL``:
only open, not yet alerted stretches are in it), rows locked ``FOR UPDATE SKIP LOCKED`` so
several chronic_care processes, and the ingest path, never judge one row twice. For each row:

- the collar reported within ``silent_after_minutes``: raise one INACTIVITY alert (value =
  daytime hours still until now), mark the stretch alerted;
- else the collar is silent (not a still pet): clear ``due_at``; its next sample restarts
  the stretch.

Either way the row leaves the index, so every sweep makes progress; a full batch is followed
at once by another one. Alerts are published (``PetAlertRaised``) after commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime
from typing import Any

from persistence.tasks import start_task, stop_task
from subgraphs.chronic_care.service import inactivity
from subgraphs.chronic_care.settings import WearableSettings
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.events import Publisher

log = logging.getLogger(__name__)
MAX_BATCHES = 20  # per tick; the rest waits for the next tick


async def sweep_once(engine: Any, rules: WearableSettings, publisher: Publisher | None = None,
                     now: datetime | None = None) -> tuple[int, int]:
    """One batch at ``now`` (default: the clock) in its own transaction
    (``inactivity.sweep_due``): (rows judged, alerts raised)."""
    uow, committed = UnitOfWork(engine), False
    try:
        counts = await inactivity.sweep_due(uow, now or datetime.now(UTC), rules, publisher)
        await uow.finish(commit=True)
        committed = True
    finally:
        if not committed:
            with contextlib.suppress(Exception):
                await uow.finish(commit=False)
    return counts


class InactivitySweep:
    """Runs ``sweep_once`` every ``rules.sweep_seconds`` until stopped; ``stats`` counts
    ``ticks``, ``judged``, ``alerts`` and ``failures`` (a failed tick is logged and retried
    at the next one)."""

    def __init__(self, engine: Any, rules: WearableSettings, publisher: Any = None) -> None:
        self.engine, self.rules, self.publisher = engine, rules, publisher
        self.stats: dict[str, int] = {"ticks": 0, "judged": 0, "alerts": 0, "failures": 0}
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        if self.rules.sweep_seconds > 0:
            self._task = start_task(self._task, self._run, "chronic_care-inactivity-sweep")

    async def stop(self) -> None:
        if await stop_task(self._task):  # else kept: start() refuses to run a second one
            self._task = None

    async def tick(self) -> None:
        self.stats["ticks"] += 1
        for _ in range(MAX_BATCHES):
            judged, raised = await sweep_once(self.engine, self.rules, self.publisher)
            self.stats["judged"] += judged
            self.stats["alerts"] += raised
            if judged < self.rules.sweep_batch:
                return

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.rules.sweep_seconds)
            try:
                await self.tick()
            except Exception:
                self.stats["failures"] += 1
                log.warning("inactivity sweep failed; retrying in %.0fs",
                            self.rules.sweep_seconds, exc_info=True)
