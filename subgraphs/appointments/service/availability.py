"""A clinic's bookable slots over a date range (the ``availability`` query). No GraphQL.

Free windows per day come from the Redis cache (``repository.slots_cache``), computed from
the vets' shifts minus their slot-holding visits where the cache has no valid entry; the
filters (vet, service, visit kind), the duration and "not in the past" are applied per
request on top of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import UTC, date, datetime, timedelta

from subgraphs.appointments.repository import appointments as appointments_repo
from subgraphs.appointments.repository import clinics as clinics_repo
from subgraphs.appointments.repository import slots_cache
from subgraphs.appointments.service.lifecycle import HOLDS_SLOT
from subgraphs.appointments.service.schedule import (
    Shift,
    Slot,
    Window,
    at,
    check_duration,
    check_range,
    days,
    free_windows,
    kind_offered,
    slots,
    vets_for_service,
)
from subgraphs.shared.context import UnitOfWork

MAX_FIRST = 500


class Refused(Exception):
    """Bad arguments (``field``, safe ``message``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


@dataclass(frozen=True)
class Ask:
    clinic_id: str
    start: date
    end: date
    vet_id: str | None = None
    service: str | None = None
    kind: str | None = None
    duration_minutes: int = 30
    first: int = 100


def _check(ask: Ask) -> None:
    if (message := check_range(ask.start, ask.end)) is not None:
        raise Refused("endDate", message)
    if (message := check_duration(ask.duration_minutes)) is not None:
        raise Refused("durationMinutes", message)
    if not 1 <= ask.first <= MAX_FIRST:
        raise Refused("first", f"first is 1..{MAX_FIRST}")


async def available(uow: UnitOfWork, redis, prefix: str, ask: Ask,
                    clinic) -> list[Slot]:
    """The first ``ask.first`` free slots of ``clinic`` (a row) in time order."""
    _check(ask)
    if ask.kind and not kind_offered(ask.kind, clinic.services):
        return []
    vets = await clinics_repo.vets_by_clinic_ids(uow, [ask.clinic_id])
    allowed = vets_for_service(ask.service, clinic.services,
                               [(str(v.id), v.specialities) for v in vets])
    if ask.vet_id is not None:
        allowed = ({ask.vet_id} if allowed is None else allowed & {ask.vet_id})
    if allowed is not None and not allowed:
        return []
    found = await free_windows_of(uow, redis, prefix, ask.clinic_id, [str(v.id) for v in vets],
                                  days(ask.start, ask.end))
    windows = [w for day in sorted(found) for w in found[day]]
    return slots(windows, ask.duration_minutes, not_before=datetime.now(UTC), kind=ask.kind,
                 vet_ids=allowed)[: ask.first]


async def free_windows_of(uow: UnitOfWork, redis, prefix: str, clinic_id: str,
                          vet_ids: Sequence[str], on_days: Sequence[date]
                          ) -> dict[date, list[Window]]:
    """The free windows of each of ``on_days`` at the clinic (whose vets are ``vet_ids``):
    cached in Redis, else computed from the database."""

    async def compute(missing: Sequence[date]):
        fresh = await _compute(uow, clinic_id, vet_ids, missing)
        return {day: [astuple(w) for w in found] for day, found in fresh.items()}

    cached = await slots_cache.windows(redis, prefix, clinic_id, on_days, compute)
    return {day: [Window(*w) for w in found] for day, found in cached.items()}


async def _compute(uow: UnitOfWork, clinic_id: str, vet_ids: Sequence[str],
                   on_days: Sequence[date]) -> dict[date, list[Window]]:
    rows = await clinics_repo.shifts_of_vets(uow, vet_ids) if vet_ids else []
    shifts = [Shift(str(r.vet_id), r.weekday, r.starts, r.ends, tuple(r.kinds)) for r in rows]
    start = at(min(on_days), datetime.min.time())
    end = at(max(on_days) + timedelta(days=1), datetime.min.time())
    booked = (await appointments_repo.booked_of_clinic(uow, clinic_id, start, end, HOLDS_SLOT)
              if shifts else [])
    return {day: free_windows(day, shifts, booked) for day in on_days}
