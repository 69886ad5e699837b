"""tests/watchdog.py: a hung test ends the run quickly and says where it hung."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HANGING = textwrap.dedent('''
    import asyncio

    async def wait_for_a_reply_that_never_comes():
        await asyncio.get_running_loop().create_future()

    async def test_passes():
        await asyncio.sleep(0)

    async def test_hangs():
        await wait_for_a_reply_that_never_comes()
''')


def test_a_hung_test_stops_the_run_with_its_asyncio_stack(tmp_path: Path):
    (tmp_path / "conftest.py").write_text(
        "from tests.watchdog import pytest_configure, pytest_runtest_protocol  # noqa\n")
    (tmp_path / "test_hanging.py").write_text(HANGING)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PAWGRAPH_TEST_HANG_SECONDS": "3"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "-o", "asyncio_mode=auto", "--rootdir", str(tmp_path), str(tmp_path)],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 70, run.stdout + run.stderr
    assert "test_hanging.py::test_hangs still running after 3 s" in run.stderr
    assert "wait_for_a_reply_that_never_comes" in run.stderr  # the pending task's coroutine
    assert "Thread" in run.stderr  # faulthandler's thread dump
    assert "test_passes" not in run.stderr  # the passing test did not trip it
