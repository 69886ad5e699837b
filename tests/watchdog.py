"""A hung test stops the run within minutes, with the evidence, instead of eating CI's limit.

When one test (set-up, call and tear-down together) runs longer than
``PAWGRAPH_TEST_HANG_SECONDS`` (default 420; no test here needs a tenth of that), a
watchdog thread writes to the real stderr: every thread's stack (``faulthandler``) and every
pending asyncio task's coroutine stack of each running event loop (an awaiting-forever hang
shows only ``select()`` in the thread dump), then ends the process with exit code 70. The
hooks are imported by ``tests/conftest.py``.
"""

from __future__ import annotations

import asyncio
import faulthandler
import gc
import os
import threading
from typing import IO

import pytest

HANG_SECONDS = float(os.environ.get("PAWGRAPH_TEST_HANG_SECONDS", "420"))
EXIT_CODE = 70
_stderr: IO[str] | None = None


def pytest_configure(config: pytest.Config) -> None:  # noqa: ARG001
    """Keep a copy of the real stderr (pytest captures fd 2 while a test runs)."""
    global _stderr
    if _stderr is None:
        _stderr = os.fdopen(os.dup(2), "w", buffering=1)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):  # noqa: ARG001
    timer = threading.Timer(HANG_SECONDS, _hung, args=(item.nodeid,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _hung(nodeid: str) -> None:
    out = _stderr or os.fdopen(os.dup(2), "w", buffering=1)
    print(f"\n\npawgraph tests: {nodeid} still running after {HANG_SECONDS:.0f} s; "
          "thread and asyncio task stacks follow, then the run stops", file=out, flush=True)
    faulthandler.dump_traceback(file=out, all_threads=True)
    try:
        dump_tasks(out)
    except Exception as exc:  # noqa: BLE001 - evidence is best-effort, the exit is not
        print(f"(asyncio tasks not dumped: {exc!r})", file=out, flush=True)
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
