"""A clinic's bookable slots over a date range (the ``availability`` query). No GraphQL.

Free windows per day come from the Redis cache (``slots_cache``); the filters (vet, service,
visit kind), the duration and "not in the past" are applied per request on top of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from subgraphs.appointments import repository as repo
from subgraphs.appointments import slots_cache
from subgraphs.appointments.schedule import (Slot, check_duration, check_range, days,
                                             kind_offered, slots, vets_for_service)
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
    vets = await repo.vets_by_clinic_ids(uow, [ask.clinic_id])
    allowed = vets_for_service(ask.service, clinic.services,
                               [(str(v.id), v.specialities) for v in vets])
    if ask.vet_id is not None:
        allowed = ({ask.vet_id} if allowed is None else allowed & {ask.vet_id})
    if allowed is not None and not allowed:
        return []
    found = await slots_cache.windows(uow, redis, prefix, ask.clinic_id,
                                      [str(v.id) for v in vets], days(ask.start, ask.end))
    windows = [w for day in sorted(found) for w in found[day]]
    return slots(windows, ask.duration_minutes, not_before=datetime.now(UTC), kind=ask.kind,
                 vet_ids=allowed)[: ask.first]
