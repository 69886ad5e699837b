"""A hung test stops the run within minutes, with the evidence, instead of eating CI's limit.

When one test (set-up, call and tear-down together) runs longer than
``PAWGRAPH_TEST_HANG_SECONDS`` (default 1200: the slowest set-up, the Vue demo's ``npm ci`` +
``vite build`` on a cold cache, may take several minutes; 0 turns the watchdog off, as does
``--pdb``/``--trace``), a watchdog thread writes to the real stderr every thread's stack
(``faulthandler``) and every pending asyncio task's coroutine stack of each running event
loop (an awaiting-forever hang shows only ``select()`` in the thread dump), then sends the
process SIGINT, and again after ``SECOND_SIGINT_SECONDS`` while the same test still runs
(asyncio's runner only cancels the test's task on the first one, which does not end a test
blocked in a synchronous call; the second raises ``KeyboardInterrupt``): pytest stops as on
Ctrl-C, tearing its fixtures down (embedded servers stopped, test databases dropped) and
printing its summary (exit code 2). If the process is still alive ``GRACE_SECONDS`` later
(a hang no signal breaks), it ends with exit code 70, without tear-down.
``faulthandler.dump_traceback_later`` (exit code 1) is a backstop for a hang that holds the
GIL (the watchdog thread could not run). The hooks are imported by ``tests/conftest.py``.
"""

from __future__ import annotations

import asyncio
import faulthandler
import gc
import os
import signal
import sys
import threading
import time
from typing import IO

import pytest

EXIT_CODE = 70
SECOND_SIGINT_SECONDS = 5.0
GRACE_SECONDS = 120.0
_stderr: IO[str] | None = None
_hang_seconds = 0.0
_running: list[str | None] = [None]  # the test in progress (checked before every signal)


def _setting() -> float:
    raw = os.environ.get("PAWGRAPH_TEST_HANG_SECONDS", "1200")
    try:
        return float(raw)
    except ValueError:
        raise pytest.UsageError(f"PAWGRAPH_TEST_HANG_SECONDS must be a number of seconds, "
                                f"not {raw!r}") from None


def pytest_configure(config: pytest.Config) -> None:
    """Keep a copy of the real stderr (pytest captures fd 2 while a test runs)."""
    global _stderr, _hang_seconds
    debugging = config.getoption("usepdb", False) or config.getoption("trace", False)
    _hang_seconds = 0.0 if debugging else _setting()
    if _hang_seconds > 0 and _stderr is None:
        _stderr = os.fdopen(os.dup(2), "w", buffering=1)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    if _hang_seconds <= 0:
        yield
        return
    _running[0] = item.nodeid
    timer = threading.Timer(_hang_seconds, _hung, args=(item.nodeid,))
    timer.daemon = True
    timer.start()
    # GIL held by a hang: no Python thread runs; faulthandler's C watchdog still dumps and exits
    faulthandler.dump_traceback_later(_hang_seconds + 2 * GRACE_SECONDS, exit=True,
                                      file=_stderr)
    try:
        yield
    finally:
        _running[0] = None
        timer.cancel()
        faulthandler.cancel_dump_traceback_later()


def _hung(nodeid: str) -> None:
    if _running[0] != nodeid:  # it ended as the timer fired
        return
    out = _stderr or sys.__stderr__
    print(f"\n\npawgraph tests: {nodeid} still running after {_hang_seconds:.0f} s; "
          "thread and asyncio task stacks follow, then the run is interrupted", file=out,
          flush=True)
    faulthandler.dump_traceback(file=out, all_threads=True)
    try:
        dump_tasks(out)
    except Exception as exc:  # noqa: BLE001 - evidence is best-effort, stopping is not
        print(f"(asyncio tasks not dumped: {exc!r})", file=out, flush=True)
    last = threading.Timer(GRACE_SECONDS, _exit, args=(nodeid, out))
    last.daemon = True
    last.start()
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(SECOND_SIGINT_SECONDS)
    if _running[0] == nodeid:
        os.kill(os.getpid(), signal.SIGINT)


def _exit(nodeid: str, out: IO[str]) -> None:
    """Still alive ``GRACE_SECONDS`` after the interrupt: stuck in that test or its tear-down."""
    print(f"\npawgraph tests: still alive {GRACE_SECONDS:.0f} s after interrupting {nodeid}; "
          f"exiting with {EXIT_CODE}", file=out, flush=True)
    faulthandler.dump_traceback(file=out, all_threads=True)
    out.flush()
    os._exit(EXIT_CODE)


def dump_tasks(out: IO[str]) -> int:
    """Write the stack of every pending task of every running event loop; how many."""
    loops = [o for o in gc.get_objects()
             if isinstance(o, asyncio.AbstractEventLoop) and o.is_running()]
    count = 0
    for loop in loops:
        tasks = asyncio.all_tasks(loop)
        print(f"\n--- event loop {loop!r}: {len(tasks)} pending tasks", file=out)
        for task in tasks:
            print(f"\n{task!r}", file=out)
            task.print_stack(limit=30, file=out)
            count += 1
    out.flush()
    return count
