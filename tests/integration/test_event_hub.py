"""The per-process event hub (persistence.events): one Redis pub/sub connection for every
local live stream, fan-out to each listener, slow listeners ended alone, Redis loss seen by
every listener, reconnect for the next one. Real Redis (the session's, or one of its own)."""

import asyncio
import uuid

import pytest
from redis.exceptions import RedisError

from persistence import events
from persistence.embedded import EmbeddedStores
from persistence.redis import create_client


@pytest.fixture
async def redis(servers):
    client = create_client(servers["redis"])
    yield client
    await client.aclose()


def _prefix() -> str:
    return f"hub-{uuid.uuid4().hex[:8]}:"


async def _started(stream):
    """Start ``stream`` (an async generator) and return a task collecting its events."""
    received: list = []

    async def collect():
        async for event in stream:
            received.append(event)

    task = asyncio.create_task(collect())
    task.received = received
    return task


async def _until(predicate, timeout=5.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached"
        await asyncio.sleep(0.01)


async def _numsub(redis, prefix, topic) -> int:
    return dict(await redis.pubsub_numsub(events.channel(prefix, topic)))[
        events.channel(prefix, topic).encode()]


async def test_many_streams_share_one_connection_and_each_gets_every_event_once(redis):
    prefix, hub = _prefix(), events.EventHub.for_client(redis)
    opened = hub.connections_opened
    tasks = [await _started(events.listen(redis, prefix, f"t{i % 3}")) for i in range(30)]
    await _until(lambda: hub.listeners >= 30)
    assert [await _numsub(redis, prefix, f"t{i}") for i in range(3)] == [1, 1, 1]
    for n in range(5):
        await events.publish(redis, prefix, ["t0", "t1"], {"type": "x", "n": n})
    await _until(lambda: all(len(t.received) == 5 for i, t in enumerate(tasks) if i % 3 < 2))
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    assert hub.connections_opened == opened + 1
    assert [[e["n"] for e in t.received] for t in tasks] == [
        [0, 1, 2, 3, 4] if i % 3 < 2 else [] for i in range(30)]


async def test_a_channel_is_unsubscribed_when_its_last_listener_leaves(redis):
    prefix, hub = _prefix(), events.EventHub.for_client(redis)
    first = await _started(events.listen(redis, prefix, "a"))
    second = await _started(events.listen(redis, prefix, "a"))
    other = await _started(events.listen(redis, prefix, "b"))
    await _until(lambda: hub.listeners == 3)
    first.cancel()
    await asyncio.gather(first, return_exceptions=True)
    still = await _numsub(redis, prefix, "a")
    second.cancel()
    await asyncio.gather(second, return_exceptions=True)
    await _until(lambda: hub.listeners == 1)
    await asyncio.sleep(0.1)
    after = await _numsub(redis, prefix, "a")
    other.cancel()
    await asyncio.gather(other, return_exceptions=True)
    assert (still, after) == (1, 0)
    assert hub.listeners == 0 and hub.pubsub is None  # no listener: no connection held


async def test_a_slow_listener_is_ended_alone_and_does_not_hold_up_the_others(redis):
    prefix = _prefix()
    hub = events.EventHub.for_client(redis)
    hub.queue, queue = 3, hub.queue
    try:
        slow = events.listen(redis, prefix, "s")
        first = asyncio.create_task(anext(slow))  # subscribes, then never reads again
        fast = await _started(events.listen(redis, prefix, "s"))
        await _until(lambda: hub.listeners == 2)
        for n in range(10):
            await events.publish(redis, prefix, ["s"], {"n": n})
        await _until(lambda: len(fast.received) == 10)
        assert (await first)["n"] == 0
        with pytest.raises(events.EventsInterrupted):
            await anext(slow)  # fell behind: ended, the consumer must refetch
        await slow.aclose()
        fast.cancel()
        await asyncio.gather(fast, return_exceptions=True)
    finally:
        hub.queue = queue
    assert [e["n"] for e in fast.received] == list(range(10))


async def test_redis_loss_ends_every_listener_and_the_next_one_reconnects(tmp_path):
    stores = EmbeddedStores(tmp_path)
    client = create_client(stores.start_redis())
    prefix = _prefix()
    try:
        hub = events.EventHub.for_client(client)
        tasks = [await _started(events.listen(client, prefix, f"t{i % 2}")) for i in range(4)]
        await _until(lambda: hub.listeners == 4)
        stores.stop()
        outcomes = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 10)
        with pytest.raises((RedisError, OSError)):  # still down: refused at once
            await anext(events.listen(client, prefix, "t0"))
        stores.start_redis()
        again = await _started(events.listen(client, prefix, "t0"))
        await _until(lambda: hub.listeners == 1)
        await events.publish(client, prefix, ["t0"], {"n": 1})
        await _until(lambda: again.received == [{"n": 1}])
        again.cancel()
        await asyncio.gather(again, return_exceptions=True)
    finally:
        await client.aclose()
        stores.stop()
    assert [type(o).__name__ for o in outcomes] == ["ConnectionError"] * 4
    assert hub.connections_opened == 2
