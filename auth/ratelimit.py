"""Fixed-window rate limits in Redis, failing closed.

``RateLimiter.hit(*keys)`` counts one attempt against every key (one pipeline: ``SET key 0
EX window NX`` then ``INCR`` per key, which works on Redis 6 too) and raises ``RateLimited``
when any key is over its limit. When Redis
is unreachable (or not configured) it raises ``RateLimiterUnavailable``: callers refuse the
attempt rather than letting unlimited guesses through.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from redis.exceptions import RedisError


class RateLimited(Exception):
    def __init__(self, key: str, retry_after: int) -> None:
        super().__init__(f"rate limited: {key}")
        self.retry_after = retry_after


class RateLimiterUnavailable(Exception):
    pass


@dataclass(frozen=True)
class Limit:
    name: str  # e.g. "login:account"
    max_hits: int
    window_seconds: int


class RateLimiter:
    def __init__(self, redis, prefix: str) -> None:
        self._redis, self._prefix = redis, prefix

    def _key(self, limit: Limit, subject: str) -> str:
        digest = hashlib.sha256(subject.encode()).hexdigest()[:32]  # no emails/IPs in Redis keys
        return f"{self._prefix}ratelimit:{limit.name}:{digest}"

    async def hit(self, *checks: tuple[Limit, str]) -> None:
        if self._redis is None:
            raise RateLimiterUnavailable("rate limiter has no Redis")
        keys = [(limit, self._key(limit, subject)) for limit, subject in checks]
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for limit, key in keys:
                    pipe.set(key, 0, ex=limit.window_seconds, nx=True)
                    pipe.incr(key)
                results = await pipe.execute()
        except (RedisError, OSError) as exc:
            raise RateLimiterUnavailable(str(exc)) from None
        for (limit, _key), count in zip(keys, results[1::2]):
            if int(count) > limit.max_hits:
                raise RateLimited(limit.name, limit.window_seconds)
