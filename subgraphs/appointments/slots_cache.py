"""A clinic's free windows per day, cached in Redis and invalidated when bookings change.

Keys (``<prefix>`` is the deployment's Redis key prefix):

- ``<prefix>appointments:free:<clinic_id>:<day>``: the day's free windows (``schedule``) as
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
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

import orjson
from redis.exceptions import RedisError

from subgraphs.appointments import repository as repo
from subgraphs.appointments.schedule import Shift, Window, at, free_windows
from subgraphs.shared.context import UnitOfWork

log = logging.getLogger(__name__)
TTL_SECONDS = 600
VERSION_TTL_SECONDS = 40 * 24 * 3600


def data_key(prefix: str, clinic_id: str, day: date) -> str:
    return f"{prefix}appointments:free:{clinic_id}:{day.isoformat()}"


def version_key(prefix: str, clinic_id: str, day: date) -> str:
    return f"{prefix}appointments:free-version:{clinic_id}:{day.isoformat()}"


def _encode(version: int, windows: Sequence[Window]) -> bytes:
    return orjson.dumps({"v": version, "w": [
        [w.vet_id, w.starts_at.isoformat(), w.ends_at.isoformat(), list(w.kinds)]
        for w in windows]})


def _decode(raw) -> tuple[int, list[Window]]:
    doc = orjson.loads(raw)
    return doc["v"], [Window(v, datetime.fromisoformat(s), datetime.fromisoformat(e), tuple(k))
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


async def _compute(uow: UnitOfWork, clinic_id: str, vet_ids: Sequence[str],
                   days: Sequence[date]) -> dict[date, list[Window]]:
    rows = await repo.shifts_of_vets(uow, vet_ids) if vet_ids else []
    shifts = [Shift(str(r.vet_id), r.weekday, r.starts, r.ends, tuple(r.kinds)) for r in rows]
    start, end = at(min(days), datetime.min.time()), at(max(days) + timedelta(days=1),
                                                         datetime.min.time())
    booked = await repo.booked_of_clinic(uow, clinic_id, start, end) if shifts else []
    return {day: free_windows(day, shifts, booked) for day in days}


async def windows(uow: UnitOfWork, redis, prefix: str, clinic_id: str, vet_ids: Sequence[str],
                  days: Sequence[date]) -> dict[date, list[Window]]:
    """The free windows of each day of the clinic (whose vets are ``vet_ids``): from Redis
    where valid, else from the database (then cached under the version read before the
    database was)."""
    hits, versions = await _read(redis, prefix, clinic_id, days)
    missing = [d for d in days if d not in hits]
    if missing:
        fresh = await _compute(uow, clinic_id, vet_ids, missing)
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
