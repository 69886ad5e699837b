"""What a committed change to an appointment tells the rest of the system (after commit):

- a live event (the shared publisher, ``subgraphs.shared.events``) on ``appointment:<id>``
  and ``clinic:<clinic_id>``, one per vet whose queue changed, which
  ``appointmentStatusChanged`` / ``vetQueueChanged`` subscribers turn into fresh reads;
- the availability cache of every (clinic, day) whose free time changed
  (``repository.slots_cache``);
- for a new booking, the care directory (clinic -> patients, ``auth.access``), so the
  clinic's staff may read the pet's records in the other subgraphs.

Nothing here runs when the transaction rolls back (``UnitOfWork.after_commit``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from redis.exceptions import RedisError

from auth.access import record_visits
from subgraphs.appointments.repository import slots_cache
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.events import redis_publisher

log = logging.getLogger(__name__)


def days_touched(clinic_id: str, starts_at: datetime, ends_at: datetime) -> set[tuple[str, date]]:
    """(clinic, UTC day) of every day a visit from ``starts_at`` to ``ends_at`` covers: the
    cached availability of each of them changes with it (a visit may cross midnight UTC)."""
    day, last = starts_at.astimezone(UTC).date(), (ends_at.astimezone(UTC) - timedelta(microseconds=1)).date()
    out = set()
    while day <= last:
        out.add((clinic_id, day))
        day += timedelta(days=1)
    return out or {(clinic_id, starts_at.astimezone(UTC).date())}


@dataclass
class Change:
    type: str  # AppointmentBooked | AppointmentRescheduled | AppointmentStatusChanged
    appointment_id: str
    clinic_id: str
    status: str
    vet_ids: list[str]  # the vet now holding it first, then any vet it moved away from
    eta_minutes: int | None = None
    freed_or_taken: set[tuple[str, date]] = field(default_factory=set)  # (clinic_id, day)
    new_patient: tuple[str, str] | None = None  # (clinic_id, pet_id)

    def payloads(self) -> list[tuple[list[str], dict[str, Any]]]:
        base = {"type": self.type, "appointmentId": self.appointment_id,
                "status": self.status, "etaMinutes": self.eta_minutes}
        out = []
        for n, vet_id in enumerate(dict.fromkeys(self.vet_ids)):
            topics = [f"clinic:{self.clinic_id}"]
            if n == 0:
                topics.insert(0, f"appointment:{self.appointment_id}")
            out.append((topics, {**base, "vetId": vet_id}))
        return out


class Effects:
    """Runs a ``Change``'s effects once the unit of work committed (nothing without Redis)."""

    def __init__(self, redis, prefix: str) -> None:
        self.redis, self.prefix = redis, prefix
        self.publish = redis_publisher(redis, prefix)

    @classmethod
    def of(cls, resources) -> "Effects":
        return cls(getattr(resources, "redis", None), getattr(resources, "redis_prefix", ""))

    def after_commit(self, uow: UnitOfWork, change: Change) -> None:
        if self.redis is not None:
            uow.after_commit(lambda: self._run(change))

    async def _run(self, change: Change) -> None:
        await slots_cache.invalidate(self.redis, self.prefix, change.freed_or_taken)
        if change.new_patient is not None:
            await _record_patient(self.redis, self.prefix, [change.new_patient])
        if self.publish is not None:  # set whenever Redis is (this only runs with Redis)
            for topics, payload in change.payloads():
                await self.publish(topics, payload)


async def _record_patient(redis, prefix: str, visits: Iterable[tuple[str, str]]) -> None:
    try:
        await record_visits(redis, prefix, visits)
    except (RedisError, OSError) as exc:  # staff see less until the next booking: fail closed
        log.warning("care directory not updated: %s", exc)
