"""A clinic's free windows per day, cached in Redis and invalidated when bookings change.

Keys (``<prefix>`` is the deployment's Redis key prefix):

- ``<prefix>appointments:free:<clinic_id>:<day>``: the day's free windows
  (``service.schedule``) as
  JSON ``{"v": version, "w": [[vet_id, starts_at, ends_at, [kinds]], ...]}``, TTL 10 min;
- ``<prefix>appointments:free-version:<clinic_id>:<day>``: a counter bumped by every
  booking, reschedule or release (cancel / no-show) touching that clinic and day, after the
  transaction commits.

A cached day counts only while its ``v`` equals the current version, and a reader takes the
version *before* it reads the database. So a reader that raced a booking (read the tables
before the commit, wrote the cache after the bump) leaves an entry that is never served.
The cache is an optimisation only: on a Redis error the windows come from the database (and
correctness never depends on it - the exclusion constraint refuses double bookings).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import date, datetime

import orjson
from redis.exceptions import RedisError

log = logging.getLogger(__name__)
TTL_SECONDS = 600
VERSION_TTL_SECONDS = 40 * 24 * 3600

# A cached free window: (vet_id, starts_at, ends_at, kinds) - ``service.schedule.Window``'s
# fields in order; the service turns them into windows.
CachedWindow = tuple[str, datetime, datetime, tuple[str, ...]]
Compute = Callable[[Sequence[date]], Awaitable[dict[date, list[CachedWindow]]]]


def data_key(prefix: str, clinic_id: str, day: date) -> str:
    return f"{prefix}appointments:free:{clinic_id}:{day.isoformat()}"


def version_key(prefix: str, clinic_id: str, day: date) -> str:
    return f"{prefix}appointments:free-version:{clinic_id}:{day.isoformat()}"


def _encode(version: int, windows: Sequence[CachedWindow]) -> bytes:
    return orjson.dumps({"v": version, "w": [
        [vet_id, starts_at.isoformat(), ends_at.isoformat(), list(kinds)]
        for vet_id, starts_at, ends_at, kinds in windows]})


def _decode(raw) -> tuple[int, list[CachedWindow]]:
    doc = orjson.loads(raw)
    return doc["v"], [(v, datetime.fromisoformat(s), datetime.fromisoformat(e), tuple(k))
                      for v, s, e, k in doc["w"]]


async def _read(redis, prefix: str, clinic_id: str, days: Sequence[date]):
    """({day: windows} still valid, {day: current version}); empty on a Redis error."""
    if redis is None:
        return {}, {}
    keys = [version_key(prefix, clinic_id, d) for d in days] + [
        data_key(prefix, clinic_id, d) for d in days]
    try:
        replies = await redis.mget(keys)
    except (RedisError, OSError) as exc:
        log.warning("availability cache unavailable, reading the database: %s", exc)
        return {}, {}
    versions = {d: int(v or 0) for d, v in zip(days, replies[: len(days)])}
    hits = {}
    for day, raw in zip(days, replies[len(days):]):
        if raw is not None:
            version, windows = _decode(raw)
            if version == versions[day]:
                hits[day] = windows
    return hits, versions


async def windows(redis, prefix: str, clinic_id: str, days: Sequence[date],
                  compute: Compute) -> dict[date, list[CachedWindow]]:
    """The free windows of each day of the clinic: from Redis where valid, else
    ``compute(missing_days)`` (from the database; then cached under the version read before
    ``compute`` ran)."""
    hits, versions = await _read(redis, prefix, clinic_id, days)
    missing = [d for d in days if d not in hits]
    if missing:
        fresh = await compute(missing)
        hits.update(fresh)
        if redis is not None and versions:
            try:
                async with redis.pipeline(transaction=False) as pipe:
                    for day in missing:
                        pipe.set(data_key(prefix, clinic_id, day),
                                 _encode(versions[day], fresh[day]), ex=TTL_SECONDS)
                    await pipe.execute()
            except (RedisError, OSError) as exc:
                log.warning("availability not cached: %s", exc)
    return hits


async def invalidate(redis, prefix: str, changes: Iterable[tuple[str, date]]) -> None:
    """Bump the version of every (clinic_id, day) and drop its entry (after a commit)."""
    if redis is None:
        return
    pairs = sorted(set(changes))
    try:
        async with redis.pipeline(transaction=False) as pipe:
            for clinic_id, day in pairs:
                pipe.incr(version_key(prefix, clinic_id, day))
                pipe.expire(version_key(prefix, clinic_id, day), VERSION_TTL_SECONDS)
                pipe.delete(data_key(prefix, clinic_id, day))
            await pipe.execute()
    except (RedisError, OSError) as exc:
        # Entries expire within TTL_SECONDS; bookings stay safe (database constraint).
        log.warning("availability cache not invalidated for %s: %s", pairs, exc)
