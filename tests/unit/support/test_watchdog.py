"""tests/support/watchdog.py: a hung test ends the run quickly, says where it hung and still tears
its fixtures down."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CONFTEST = textwrap.dedent('''
    import pytest
    from tests.support.watchdog import pytest_configure, pytest_runtest_protocol  # noqa: F401 - hooks

    @pytest.fixture(scope="session")
    def server(tmp_path_factory):
        yield "running"
        (tmp_path_factory.getbasetemp().parent / "torn-down").write_text("yes")
''')

HANGING = textwrap.dedent('''
    import asyncio

    async def wait_for_a_reply_that_never_comes():
        await asyncio.get_running_loop().create_future()

    async def test_passes(server):
        await asyncio.sleep(0)

    async def test_hangs(server):
        await wait_for_a_reply_that_never_comes()

    async def test_never_reached():
        pass
''')

BLOCKING = textwrap.dedent('''
    import time

    async def test_blocks_the_event_loop(server):
        time.sleep(600)  # a synchronous call inside an async test: the first SIGINT only
                         # cancels the task, which cannot run until the call returns
''')


def _run(tmp_path: Path, hang_seconds: str, *extra: str,
         body: str = HANGING) -> subprocess.CompletedProcess:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_hanging.py").write_text(body)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PAWGRAPH_TEST_HANG_SECONDS": hang_seconds}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                           "-o", "asyncio_mode=auto", "--rootdir", str(tmp_path),
                           "--basetemp", str(tmp_path / "base"), *extra, str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_a_hung_test_interrupts_the_run_with_its_stacks_and_teardown(tmp_path: Path):
    run = _run(tmp_path, "3")
    assert run.returncode == 2, run.stdout + run.stderr  # pytest's "interrupted"
    assert "test_hanging.py::test_hangs still running after 3 s" in run.stderr
    assert "wait_for_a_reply_that_never_comes" in run.stderr  # the pending task's coroutine
    assert "Thread" in run.stderr  # faulthandler's thread dump
    assert "test_passes" not in run.stderr  # the passing test did not trip it
    assert "1 passed" in run.stdout and "test_never_reached" not in run.stdout
    assert (tmp_path / "torn-down").read_text() == "yes"  # session fixtures were torn down


def test_bad_setting_is_a_usage_error_and_zero_turns_it_off(tmp_path: Path):
    bad = _run(tmp_path, "soon")
    assert bad.returncode == 4 and "PAWGRAPH_TEST_HANG_SECONDS must be a number" in bad.stderr
    off = _run(tmp_path, "0", "-k", "passes or reached")
    assert off.returncode == 0, off.stdout + off.stderr


def test_an_async_test_blocked_in_a_synchronous_call_is_interrupted_too(tmp_path: Path):
    run = _run(tmp_path, "2", body=BLOCKING)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "test_blocks_the_event_loop still running after 2 s" in run.stderr
    assert (tmp_path / "torn-down").read_text() == "yes"
