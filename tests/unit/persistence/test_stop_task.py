"""persistence.tasks.stop_task: a background loop that swallows a cancel still stops."""

import asyncio
import logging

import pytest

from persistence.tasks import stop_task


async def _loop_swallowing(cancels_to_swallow: int, seen: list[str]) -> None:
    """A poll loop whose client library lost ``cancels_to_swallow`` cancels (as
    Python 3.11's ``asyncio.wait_for`` does when the cancel meets a completed operation)."""
    while True:
        try:
            await asyncio.sleep(0.01)
        except asyncio.CancelledError:
            if cancels_to_swallow == 0:
                seen.append("stopped")
                raise
            cancels_to_swallow -= 1
            seen.append("swallowed")


async def test_plain_loop_stops_at_the_first_cancel():
    seen: list[str] = []
    task = asyncio.create_task(_loop_swallowing(0, seen))
    await asyncio.sleep(0.03)
    assert await stop_task(task, recancel_seconds=0.05) is True
    assert task.cancelled() and seen == ["stopped"]


async def test_loop_that_swallowed_cancels_is_cancelled_again_until_it_ends(caplog):
    seen: list[str] = []
    task = asyncio.create_task(_loop_swallowing(2, seen), name="sync-loop")
    await asyncio.sleep(0.03)
    with caplog.at_level(logging.WARNING, logger="persistence.tasks"):
        assert await stop_task(task, recancel_seconds=0.05, give_up_seconds=5) is True
    assert task.cancelled() and seen == ["swallowed", "swallowed", "stopped"]
    assert "sync-loop still running" in caplog.text


async def test_a_task_that_never_ends_is_given_up_on_with_an_error(caplog):
    release = asyncio.Event()

    async def stubborn() -> str:
        while not release.is_set():
            try:
                await asyncio.sleep(0.01)
            except asyncio.CancelledError:
                pass
        return "done"

    task = asyncio.create_task(stubborn(), name="stubborn")
    await asyncio.sleep(0.03)  # inside its loop (a task cancelled before it ran just ends)
    with caplog.at_level(logging.ERROR, logger="persistence.tasks"):
        assert await stop_task(task, recancel_seconds=0.02, give_up_seconds=0.2) is False
    assert not task.done() and "stubborn did not stop within" in caplog.text
    release.set()
    assert await task == "done"


async def test_finished_failed_and_missing_tasks_count_as_stopped(caplog):
    async def fails() -> None:
        raise ValueError("boom")

    task = asyncio.create_task(fails(), name="failing-loop")
    await asyncio.sleep(0)
    with caplog.at_level(logging.ERROR, logger="persistence.tasks"):
        assert await stop_task(task) is True  # not re-raised at shutdown, but not lost either
    assert "background task failing-loop had failed" in caplog.text and "boom" in caplog.text
    assert await stop_task(None) is True


async def test_a_task_cleaning_up_after_the_cancel_is_given_time():
    cleaned = []

    async def loop_with_slow_cleanup() -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            await asyncio.sleep(0.2)  # e.g. a rollback or an MQTT disconnect
            cleaned.append(True)

    task = asyncio.create_task(loop_with_slow_cleanup())
    await asyncio.sleep(0.01)
    assert await stop_task(task, recancel_seconds=1.0) is True
    assert cleaned == [True]


async def test_start_task_refuses_while_a_stop_gave_up_on_the_previous_one():
    from persistence.tasks import start_task

    release = asyncio.Event()
    previous = start_task(None, release.wait, "consumer")
    with pytest.raises(RuntimeError, match="consumer is still running"):
        start_task(previous, release.wait, "consumer")
    release.set()
    await previous
    fresh = start_task(previous, release.wait, "consumer")  # the old one has ended
    await fresh
