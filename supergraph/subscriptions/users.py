"""Live subscriptions per user: the ``max_per_user`` limit of the router's WebSocket.

Each subscription holds a lease (an id) from acquire to release; anonymous callers
(``user is None``) are not counted.

- ``UserSubscriptions``: a counter in this router process (tests, single instance).
- ``SharedUserSubscriptions``: the limit across all router instances, in Redis. Per user a
  sorted set ``<prefix>live:users:<user>`` of lease ids scored by their expiry time; a Lua
  script drops expired leases, counts and adds atomically. Each process refreshes the
  expiry of the leases it holds every ``lease_seconds / 3``, so the leases of a router that
  died vanish after ``lease_seconds``. When Redis cannot be reached, the process falls back
  to its local counter (logged): live updates need Redis anyway, and refusing everyone
  because the counter is away would be worse than a per-process limit for a while.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from persistence.tasks import stop_task

log = logging.getLogger(__name__)

_ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
"""


class UserSubscriptions:
    """Live subscriptions per user id in this process."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.counts: dict[str, int] = {}

    async def acquire(self, user: str | None, lease: str) -> bool:
        return self.take(user)

    def take(self, user: str | None) -> bool:
        if user is None:
            return True
        if self.counts.get(user, 0) >= self.limit:
            return False
        self.counts[user] = self.counts.get(user, 0) + 1
        return True

    def release(self, user: str | None, lease: str = "") -> None:
        if user is not None and user in self.counts:
            self.counts[user] -= 1
            if self.counts[user] <= 0:
                del self.counts[user]

    async def aclose(self) -> None:
        return None


class SharedUserSubscriptions:
    """Live subscriptions per user id across router instances (Redis leases)."""

    def __init__(self, url: str, prefix: str, limit: int, lease_seconds: float = 30.0) -> None:
        self.url, self.prefix, self.limit = url, f"{prefix}live:users:", limit
        self.lease_seconds = lease_seconds
        self.held: dict[str, set[str]] = {}  # user -> leases of this process in Redis
        self.local = UserSubscriptions(limit)  # while Redis is away
        self.fallback: dict[str, str] = {}  # lease -> user, counted locally
        self.removing: dict[str, set[asyncio.Task]] = {}
        self._client: Any = None
        self._script: Any = None
        self._refresher: asyncio.Task | None = None
        self.closed = False

    def _redis(self) -> Any:
        if self._client is None:
            from persistence.redis import create_client

            self._client = create_client(self.url)
            self._script = self._client.register_script(_ACQUIRE)
        return self._client

    async def acquire(self, user: str | None, lease: str) -> bool:
        from redis.exceptions import RedisError

        if user is None:
            return True
        pending = self.removing.get(user)
        if pending:  # a release just before must be counted out first
            await asyncio.gather(*pending, return_exceptions=True)
        now = time.time()
        self._redis()
        try:
            granted = await self._script(
                keys=[self.prefix + user],
                args=[now, now + self.lease_seconds, self.limit, lease,
                      int(self.lease_seconds * 2000)])
        except (RedisError, OSError) as exc:
            log.warning("per-user subscription limit is process-local (Redis: %s)", exc)
            if not self.local.take(user):
                return False
            self.fallback[lease] = user
            return True
        if not granted:
            return False
        self.held.setdefault(user, set()).add(lease)
        if self._refresher is None or self._refresher.done():
            self._refresher = asyncio.create_task(self._refresh(), name="pawgraph-live-leases")
        return True

    def release(self, user: str | None, lease: str) -> None:
        if user is None or self.closed:  # after shutdown the lease just expires
            return
        if self.fallback.pop(lease, None) is not None:
            self.local.release(user)
            return
        leases = self.held.get(user)
        if not leases or lease not in leases:
            return
        leases.discard(lease)
        if not leases:
            del self.held[user]
        task = asyncio.get_running_loop().create_task(self._remove(user, lease))
        self.removing.setdefault(user, set()).add(task)
        task.add_done_callback(lambda t: self._removed(user, t))

    def _removed(self, user: str, task: asyncio.Task) -> None:
        tasks = self.removing.get(user)
        if tasks is not None:
            tasks.discard(task)
            if not tasks:
                del self.removing[user]

    async def _remove(self, user: str, lease: str) -> None:
        from redis.exceptions import RedisError

        try:
            await self._redis().zrem(self.prefix + user, lease)
        except (RedisError, OSError) as exc:  # the lease expires on its own
            log.warning("subscription lease of %s not released: %s", user, exc)

    async def _refresh(self) -> None:
        """Push the expiry of this process's leases forward while it holds any."""
        from redis.exceptions import RedisError

        while self.held:
            await asyncio.sleep(self.lease_seconds / 3)
            expiry, ttl = time.time() + self.lease_seconds, int(self.lease_seconds * 2000)
            try:
                async with self._redis().pipeline(transaction=False) as pipe:
                    for user, leases in list(self.held.items()):
                        # without XX: leases lost with Redis (restart, long outage) come back;
                        # one released during this refresh lingers until it expires at most
                        pipe.zadd(self.prefix + user, dict.fromkeys(leases, expiry))
                        pipe.pexpire(self.prefix + user, ttl)
                    await pipe.execute()
            except (RedisError, OSError) as exc:
                log.warning("subscription leases not refreshed: %s", exc)

    async def aclose(self) -> None:
        self.closed = True
        await stop_task(self._refresher)
        tasks = [t for group in self.removing.values() for t in group]
        await asyncio.gather(*tasks, return_exceptions=True)
        held, self.held = self.held, {}
        await asyncio.gather(*(self._remove(user, lease) for user, leases in held.items()
                               for lease in leases))  # a clean shutdown gives its slots back
        if self._client is not None:
            await self._client.aclose()
            self._client = None
