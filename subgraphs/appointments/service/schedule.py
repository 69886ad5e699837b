"""Availability and booking rules over vets' weekly shifts (pure: no GraphQL, no I/O).

Times are UTC, like every time in this subgraph. A vet works in weekly ``Shift``s (weekday,
from, to, the visit kinds offered then). A clinic's **free windows** of a day are each
shift of that weekday minus the vet's slot-holding appointments (``lifecycle.HOLDS_SLOT``);
they are what the Redis cache keeps per clinic and day (``repository.slots_cache``).
**Slots** are cut from windows on a ``GRID_MINUTES`` grid for a requested duration; a
booking must fit one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

GRID_MINUTES = 15
MIN_DURATION, MAX_DURATION, DEFAULT_DURATION = 15, 120, 30
MAX_RANGE_DAYS = 31
MAX_REASON = 500
KINDS = ("CLINIC", "HOME_VISIT", "VIDEO")
# Visit kinds other than CLINIC need the clinic to offer them (Clinic.services).
KIND_SERVICE = {"HOME_VISIT": "home visits", "VIDEO": "video consults"}
# Services that only vets with the matching speciality perform; any vet does the others.
SERVICE_SPECIALITY = {"surgery": "surgery", "dental": "dentistry"}


@dataclass(frozen=True)
class Shift:
    vet_id: str
    weekday: int  # 0 = Monday
    starts: time
    ends: time
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Window:
    """A stretch of a vet's working time with nothing booked in it."""

    vet_id: str
    starts_at: datetime
    ends_at: datetime
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Slot:
    vet_id: str
    starts_at: datetime
    ends_at: datetime
    kinds: tuple[str, ...]


def at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=UTC)


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def free_windows(day: date, shifts: Iterable[Shift],
                 busy: Iterable[tuple[str, datetime, datetime]]) -> list[Window]:
    """``day``'s shifts minus ``busy`` (vet_id, starts_at, ends_at), ordered by vet and time."""
    by_vet: dict[str, list[tuple[datetime, datetime]]] = {}
    for vet_id, starts_at, ends_at in busy:
        by_vet.setdefault(vet_id, []).append((starts_at, ends_at))
    out = []
    for shift in sorted((s for s in shifts if s.weekday == day.weekday()),
                        key=lambda s: (s.vet_id, s.starts)):
        cursor, end = at(day, shift.starts), at(day, shift.ends)
        for b_start, b_end in sorted(by_vet.get(shift.vet_id, [])):
            if b_end <= cursor or b_start >= end:
                continue
            if b_start > cursor:
                out.append(Window(shift.vet_id, cursor, b_start, shift.kinds))
            cursor = max(cursor, b_end)
        if cursor < end:
            out.append(Window(shift.vet_id, cursor, end, shift.kinds))
    return out


def _grid_up(moment: datetime) -> datetime:
    step = GRID_MINUTES * 60
    seconds = int(moment.timestamp())
    return datetime.fromtimestamp(-(-seconds // step) * step, UTC)


def slots(windows: Iterable[Window], duration: int, *, not_before: datetime,
          kind: str | None = None, vet_ids: set[str] | None = None) -> list[Slot]:
    """Bookable slots of ``duration`` minutes on the grid, in time order then by vet."""
    length, step = timedelta(minutes=duration), timedelta(minutes=GRID_MINUTES)
    out = []
    for window in windows:
        if (kind and kind not in window.kinds) or (vet_ids is not None
                                                   and window.vet_id not in vet_ids):
            continue
        start = _grid_up(max(window.starts_at, not_before))
        while start + length <= window.ends_at:
            out.append(Slot(window.vet_id, start, start + length, window.kinds))
            start += step
    return sorted(out, key=lambda s: (s.starts_at, s.vet_id))


def check_duration(duration: int) -> str | None:
    if not MIN_DURATION <= duration <= MAX_DURATION or duration % GRID_MINUTES:
        return (f"durationMinutes is {MIN_DURATION}..{MAX_DURATION} in steps of "
                f"{GRID_MINUTES}")
    return None


def check_range(start: date, end: date) -> str | None:
    if end < start:
        return "endDate is before startDate"
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        return f"at most {MAX_RANGE_DAYS} days at a time"
    return None


def kind_offered(kind: str, services: Sequence[str]) -> bool:
    needed = KIND_SERVICE.get(kind)
    return needed is None or needed in services


def vets_for_service(service: str | None, services: Sequence[str],
                     vets: Iterable[tuple[str, Sequence[str]]]) -> set[str] | None:
    """Vet ids (of (id, specialities)) who can provide ``service`` (None: no filter)."""
    if service is None:
        return None
    if service not in services:
        return set()
    speciality = SERVICE_SPECIALITY.get(service)
    return {vet_id for vet_id, specs in vets if speciality is None or speciality in specs}


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def check_booking(shifts: Iterable[Shift], services: Sequence[str], kind: str,
                  starts_at: datetime, duration: int, now: datetime) -> Problem | None:
    """Why a visit of ``kind`` at ``starts_at`` for ``duration`` minutes cannot be booked
    with a vet working ``shifts`` (None when it can; overlaps are the database's job)."""
    if (message := check_duration(duration)) is not None:
        return Problem("durationMinutes", message)
    if starts_at.tzinfo is None:
        return Problem("startsAt", "startsAt needs a time zone (UTC offset)")
    starts_at = starts_at.astimezone(UTC)
    if starts_at <= now:
        return Problem("startsAt", "startsAt is in the past")
    if starts_at.second or starts_at.microsecond or starts_at.minute % GRID_MINUTES:
        return Problem("startsAt", f"visits start on a {GRID_MINUTES}-minute grid")
    if not kind_offered(kind, services):
        return Problem("kind", f"the clinic does not offer {kind.lower().replace('_', ' ')}s")
    ends_at, day = starts_at + timedelta(minutes=duration), starts_at.date()
    for shift in shifts:
        if (shift.weekday == day.weekday() and at(day, shift.starts) <= starts_at
                and ends_at <= at(day, shift.ends)):
            if kind in shift.kinds:
                return None
            return Problem("kind", f"the vet does not do {kind.lower().replace('_', ' ')}s then")
    return Problem("startsAt", "the vet is not working then")


def default_week(vet_index: int, vet_id: str, services: Sequence[str]) -> list[Shift]:
    """The demo world's working week of a vet: weekdays 08:00-12:00 at the clinic (and on
    video where the clinic offers it), 13:00-18:00 all kinds the clinic offers; every other
    vet also works Saturday mornings at the clinic."""
    offered = tuple(k for k in KINDS if kind_offered(k, services))
    morning = tuple(k for k in offered if k != "HOME_VISIT")
    week = []
    for weekday in range(5):
        week.append(Shift(vet_id, weekday, time(8), time(12), morning))
        week.append(Shift(vet_id, weekday, time(13), time(18), offered))
    if vet_index % 2 == 0:
        week.append(Shift(vet_id, 5, time(9), time(13), ("CLINIC",)))
    return week
