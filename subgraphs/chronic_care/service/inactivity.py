"""INACTIVITY alerts: the collar keeps reporting, but the pet hardly moves through its
daytime. The rules (pure), the per-sample check (``on_sample``) and the check between samples
(``sweep_due``, one batch of the ``subgraphs.chronic_care.sweep`` task). No GraphQL, no SQL.

- A sample is *active* when it counts steps (``steps > 0``) or its activity level is at least
  ``MOVING`` (0.1 of the collar's 0..1 scale). Anything else is a still sample.
- A *still stretch* starts at the pet's last active sample (or its first sample ever) and lasts
  while the collar keeps reporting still samples. A gap between two samples longer than
  ``silent_after_minutes`` is a silent collar, not a still pet: the stretch restarts at the
  next sample (a collar that stops sending raises nothing here).
- Only daytime counts: 08:00-20:00 *local solar time*. The data has no time zone, so local
  time is UTC shifted by ``round(longitude / 15)`` hours of the pet's geofence home point;
  a pet without a geofence is judged in UTC.
- When a stretch holds ``inactivity_hours`` (default 6) daytime hours, one INACTIVITY alert is
  raised (value = daytime hours still). Once per stretch: the next active sample ends it and
  a new stretch may alert again (the row ``activity_state`` remembers, like the geofence row
  for ESCAPE). ``due_at`` = the instant the stretch reaches the threshold, computed when it
  starts (a fence set or moved later takes effect with the next stretch).

Samples are judged in arrival order; a sample older than the newest one seen for the pet
(late redelivery) leaves the stretch as it is.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from subgraphs.chronic_care import repository as repo
from subgraphs.chronic_care.models import ActivityState, Device
from subgraphs.chronic_care.service.alerts import Finding, alert_of, raise_alerts
from subgraphs.chronic_care.settings import WearableSettings
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.events import Publisher

MOVING = 0.1
DAY_START, DAY_END = time(8), time(20)
KIND = "INACTIVITY"


def is_active(steps: int, activity: float) -> bool:
    return steps > 0 or activity >= MOVING


def local_offset(longitude: float | None) -> timedelta:
    """Solar time zone of a longitude (whole hours, -12..+12); UTC without one."""
    if longitude is None:
        return timedelta(0)
    return timedelta(hours=max(-12, min(12, round(longitude / 15))))


def _days(local_start: datetime, local_end: datetime):
    """(day start, day end) daytime windows, local wall clock, from local_start's day on."""
    day = local_start.date()
    while day <= local_end.date():
        yield (datetime.combine(day, DAY_START, tzinfo=UTC),
               datetime.combine(day, DAY_END, tzinfo=UTC))
        day += timedelta(days=1)


def daytime_hours(start: datetime, end: datetime, offset: timedelta) -> float:
    """Hours of local daytime within [start, end] (UTC instants); counts at most 7 days."""
    start = max(start, end - timedelta(days=7))
    local_start, local_end = start + offset, end + offset
    total = timedelta(0)
    for day_start, day_end in _days(local_start, local_end):
        overlap = min(local_end, day_end) - max(local_start, day_start)
        if overlap > timedelta(0):
            total += overlap
    return total.total_seconds() / 3600


def due_time(start: datetime, offset: timedelta, hours: float) -> datetime:
    """The UTC instant at which a stretch starting at ``start`` holds ``hours`` daytime hours."""
    remaining = timedelta(hours=hours)
    cursor = start + offset
    while True:
        day_start = datetime.combine(cursor.date(), DAY_START, tzinfo=UTC)
        day_end = datetime.combine(cursor.date(), DAY_END, tzinfo=UTC)
        cursor = max(cursor, day_start)
        if cursor < day_end:
            if day_end - cursor >= remaining:
                return cursor + remaining - offset
            remaining -= day_end - cursor
        cursor = datetime.combine(cursor.date() + timedelta(days=1), time(0), tzinfo=UTC)


def message(hours: float) -> str:
    return f"hardly moved for {hours:.1f} h of daytime"


def finding(hours: float) -> Finding:
    """The INACTIVITY alert of a stretch still for ``hours`` daytime hours."""
    return Finding(KIND, hours, message(hours))


async def on_sample(uow: UnitOfWork, device: Device, at: datetime, active: bool,
                    rules: WearableSettings) -> float | None:
    """Track the pet's still stretch for one stored sample; the daytime hours still when this
    sample completes an inactivity episode (raise one alert), else None."""
    offset = local_offset(await repo.home_longitude(uow, device.pet_id))
    fresh = ActivityState(pet_id=device.pet_id, owner_id=device.owner_id, device_id=device.id,
                          last_sample_at=at, still_since=at, alerted=False,
                          due_at=due_time(at, offset, rules.inactivity_hours))
    state, created = await repo.activity_state_for_update(uow, fresh)
    if created or at < state.last_sample_at:
        return None
    gap = at - state.last_sample_at
    state.last_sample_at, state.device_id, state.owner_id = at, device.id, device.owner_id
    found = None
    if active or gap > timedelta(minutes=rules.silent_after_minutes):
        state.still_since, state.alerted, state.due_at = at, False, fresh.due_at
    elif not state.alerted:
        state.due_at = state.due_at or due_time(state.still_since, offset, rules.inactivity_hours)
        if at >= state.due_at:
            state.alerted, state.due_at = True, None
            found = round(daytime_hours(state.still_since, at, offset), 1)
    await repo.save_states(uow)
    return found


async def sweep_due(uow: UnitOfWork, now: datetime, rules: WearableSettings,
                    publisher: Publisher | None = None) -> tuple[int, int]:
    """Judge the stretches due at ``now`` (at most ``rules.sweep_batch``, locked): a collar
    that reported within ``silent_after_minutes`` raises one INACTIVITY alert (daytime hours
    still until now) and the stretch is marked alerted; a silent collar's stretch is left
    for its next sample. Either way the row leaves the due index. (rows judged, alerts)."""
    silent = timedelta(minutes=rules.silent_after_minutes)
    rows = await repo.due_activity_states(uow, now, rules.sweep_batch)
    raised = []
    for state, longitude in rows:
        if now - state.last_sample_at > silent:
            state.due_at = None
            continue
        hours = round(daytime_hours(state.still_since, now, local_offset(longitude)), 1)
        state.alerted, state.due_at = True, None
        raised.append(alert_of(finding(hours), pet_id=state.pet_id, owner_id=state.owner_id,
                               device_id=state.device_id,
                               at=now.replace(second=0, microsecond=0)))
    await repo.save_states(uow)
    await raise_alerts(uow, raised, publisher)
    return len(rows), len(raised)
