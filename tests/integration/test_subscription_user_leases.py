"""The per-user subscription limit across router instances (supergraph.subscriptions.users):
leases in Redis, refreshed while held, gone when their router dies without a goodbye."""

import asyncio
import uuid

import pytest

from supergraph.subscriptions.users import SharedUserSubscriptions


@pytest.fixture
def prefix(settings):
    return f"{settings.redis.key_prefix}leases-{uuid.uuid4().hex[:6]}:"


def _router(settings, prefix, lease_seconds=30.0):
    return SharedUserSubscriptions(settings.redis.url, prefix, 2, lease_seconds)


async def test_two_instances_share_one_limit_per_user(settings, prefix):
    a, b = _router(settings, prefix), _router(settings, prefix)
    outcomes = [await a.acquire("u1", "l1"), await b.acquire("u1", "l2"),
                await b.acquire("u1", "l3"), await a.acquire("u2", "l4"),
                await b.acquire(None, "anonymous")]
    a.release("u1", "l1")
    after_release = await a.acquire("u1", "l5")  # waits for its own release first
    await a.aclose()
    await b.aclose()
    assert outcomes == [True, True, False, True, True]
    assert after_release is True


async def test_leases_are_kept_alive_while_their_router_runs(settings, prefix):
    a, b = _router(settings, prefix, 0.6), _router(settings, prefix, 0.6)
    assert await a.acquire("u1", "l1") and await a.acquire("u1", "l2")
    await asyncio.sleep(1.5)  # several lease lifetimes, refreshed every 0.2 s
    refused = await b.acquire("u1", "l3")
    await a.aclose()
    granted = await b.acquire("u1", "l4")  # a clean shutdown gave the slots back
    await b.aclose()
    assert (refused, granted) == (False, True)


async def test_the_leases_of_a_router_that_died_expire(settings, prefix):
    a, b = _router(settings, prefix, 0.5), _router(settings, prefix, 0.5)
    assert await a.acquire("u1", "l1") and await a.acquire("u1", "l2")
    a._refresher.cancel()  # the process dies: no refresh, no release
    refused = await b.acquire("u1", "l3")
    await asyncio.sleep(0.7)
    granted = await b.acquire("u1", "l4")
    await b.aclose()
    await a._client.aclose()
    assert (refused, granted) == (False, True)


async def test_without_redis_the_limit_is_kept_per_process(settings, prefix):
    unreachable = SharedUserSubscriptions("redis://127.0.0.1:1/0", prefix, 2)
    outcomes = [await unreachable.acquire("u1", f"l{i}") for i in range(3)]
    unreachable.release("u1", "l0")
    again = await unreachable.acquire("u1", "l9")
    await unreachable.aclose()
    assert outcomes == [True, True, False] and again is True
