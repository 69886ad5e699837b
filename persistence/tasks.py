"""Stopping a background asyncio task for sure (and not starting a second beside it).

``task.cancel(); await task`` waits forever when the task swallows its cancellation, and on
Python 3.11 that needs no bug of ours: ``asyncio.wait_for`` (used inside client libraries)
returns its result instead of raising when the cancel lands as the awaited operation
completes, so a ``while True`` loop simply goes on. A shutdown that hangs holds a process
(or a test run) forever, so ``stop_task`` cancels again until the task has ended, and gives
up with an error in the log after ``give_up_seconds`` rather than block its caller; a
task it gave up on is kept by its owner, and ``start_task`` refuses to start another.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


def start_task(running: asyncio.Task | None, make: Callable[[], Coroutine[Any, Any, Any]],
               name: str) -> asyncio.Task:
    """A background task running ``make()``; refused while ``running`` (the previous one,
    which a ``stop_task`` gave up on) is still alive, so two never run side by side."""
    if running is not None and not running.done():
        raise RuntimeError(f"{name} is still running (a stop gave up on it)")
    return asyncio.create_task(make(), name=name)


async def stop_task(task: asyncio.Task | None, *, recancel_seconds: float = 5.0,
                    give_up_seconds: float = 30.0) -> bool:
    """Cancel ``task`` and wait for it to end; True once it has (None counts as ended).

    A task honouring the cancel gets ``recancel_seconds`` for its clean-up (a rollback, an
    MQTT disconnect) before it is cancelled again. If it had died of an error, the error is
    logged here (nobody else awaits a background task).
    """
    if task is None:
        return True
    if task is asyncio.current_task():
        raise RuntimeError("a task cannot stop itself with stop_task")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + give_up_seconds
    while not task.done():
        task.cancel()
        remaining = deadline - loop.time()
        if remaining <= 0:
            log.error("background task %s did not stop within %.0f s; left running",
                      task.get_name(), give_up_seconds)
            return False
        await asyncio.wait({task}, timeout=min(recancel_seconds, remaining))
        if not task.done():
            log.warning("background task %s still running %.0f s after a cancel; cancelling "
                        "again", task.get_name(), recancel_seconds)
    if not task.cancelled() and task.exception() is not None:
        log.error("background task %s had failed", task.get_name(),
                  exc_info=task.exception())
    return True
