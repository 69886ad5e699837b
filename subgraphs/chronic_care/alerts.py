"""Pet alerts from wearable samples: the rules (pure) and the ingest path. No GraphQL.

``assess(heart_rate, temperature_c)`` gives the alerts one sample raises: FEVER at or above
``FEVER_C`` degrees Celsius, TACHYCARDIA at or above ``TACHYCARDIA_BPM`` (a resting-rate
bound suitable for dogs and cats; per-species and per-pet baselines come later); a GPS fix
may start an ESCAPE (``geofence.check``: once per excursion, value = metres from home); every
sample moves the pet's still stretch on and may complete an INACTIVITY episode
(``inactivity.on_sample``: once per stretch, value = daytime hours still; between samples the
``sweep`` raises it). ``record`` stores the sample and its alerts in one transaction and, after
commit, publishes ``PetAlertRaised`` on ``pet:<id>`` - a notification; the alert row is the
state.
Samples arrive over MQTT (``subgraphs.chronic_care.ingest``, trusted: ``record``) or through
the admin-only ``telemetryIngest`` mutation (``ingest``). ``sample_problems`` is the shared
input check (ranges the store can hold and a body can produce).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from auth.principal import Principal
from subgraphs.chronic_care.settings import WearableSettings
from persistence import events
from subgraphs.chronic_care import geofence, inactivity
from subgraphs.chronic_care import repository as repo
from subgraphs.chronic_care.models import Alert, Telemetry
from subgraphs.shared.context import UnitOfWork

FEVER_C = 39.5
TACHYCARDIA_BPM = 180


@dataclass(frozen=True)
class Sample:
    device_id: str
    heart_rate: int
    temperature_c: float
    steps: int = 0
    activity: float = 0.0
    at: datetime | None = None
    lat: float | None = None
    lon: float | None = None


# (low, high) inclusive per numeric field: physiologically possible and storable.
RANGES = {"heart_rate": (0, 400), "temperature_c": (20.0, 46.0), "steps": (0, 32_767),
          "activity": (0.0, 1.0)}


def sample_problems(sample: Sample, rules: WearableSettings | None = None,
                    now: datetime | None = None) -> list[tuple[str, str]]:
    """(field, message) for each out-of-range value; empty when the sample may be stored.
    ``rules``: default settings if None (``max_clock_skew_minutes`` bounds ``at``)."""
    problems = []
    for name, (low, high) in RANGES.items():
        value = getattr(sample, name)
        if not (isinstance(value, int | float) and math.isfinite(value) and low <= value <= high):
            problems.append((name, f"{name} must be between {low} and {high}"))
    if (sample.lat is None) != (sample.lon is None):
        problems.append(("lat" if sample.lat is None else "lon", "lat and lon come together"))
    elif sample.lat is not None:
        problems.extend(geofence.position_problems(sample.lat, sample.lon))
    if sample.at is not None and sample.at.tzinfo is None:
        problems.append(("at", "timestamp needs a time zone"))
    elif sample.at is not None:
        skew = (rules or WearableSettings()).max_clock_skew_minutes
        if sample.at > (now or datetime.now(UTC)) + timedelta(minutes=skew):
            problems.append(("at", f"timestamp is more than {skew} min ahead of the server "
                                   "clock"))
    return problems


@dataclass(frozen=True)
class Finding:
    kind: str
    value: float
    message: str


def assess(heart_rate: int, temperature_c: float) -> list[Finding]:
    found = []
    if temperature_c >= FEVER_C:
        found.append(Finding("FEVER", temperature_c, f"temperature {temperature_c:.1f} °C"))
    if heart_rate >= TACHYCARDIA_BPM:
        found.append(Finding("TACHYCARDIA", heart_rate, f"heart rate {heart_rate} bpm"))
    return found


async def ingest(uow: UnitOfWork, actor: Principal, sample: Sample, publisher=None,
                 rules: WearableSettings | None = None) -> list[Alert] | None:
    """Store ``sample`` and raise its alerts; None when the device is unknown or not allowed."""
    if not actor.is_admin:
        return None
    return await record(uow, sample, publisher, rules)


async def record(uow: UnitOfWork, sample: Sample, publisher=None,
                 rules: WearableSettings | None = None) -> list[Alert] | None:
    """Trusted ingestion (MQTT consumer, or after ``ingest``'s check); None: unknown device.
    ``sample`` must have passed ``sample_problems``. ``rules``: default settings if None."""
    try:
        device_id = uuid.UUID(sample.device_id)
    except ValueError:
        return None
    device = await repo.device_for_ingest(uow, str(device_id))
    if device is None:
        return None
    at = (sample.at or datetime.now(UTC)).replace(second=0, microsecond=0)
    await repo.record_sample(uow, Telemetry(
        pet_id=device.pet_id, ts=at, device_id=device.id, owner_id=device.owner_id,
        heart_rate=sample.heart_rate, temperature_c=sample.temperature_c, steps=sample.steps,
        activity=sample.activity, lat=sample.lat, lon=sample.lon))
    findings = assess(sample.heart_rate, sample.temperature_c)
    if sample.lat is not None and sample.lon is not None:
        away = await geofence.check(uow, device.pet_id, sample.lat, sample.lon)
        if away is not None:
            findings.append(Finding("ESCAPE", round(away, 1),
                                    f"left the safe zone: {away:.0f} m from home"))
    still = await inactivity.on_sample(uow, device, at,
                                       inactivity.is_active(sample.steps, sample.activity),
                                       rules or WearableSettings())
    if still is not None:
        findings.append(Finding(inactivity.KIND, still, inactivity.message(still)))
    alerts = [Alert(id=uuid.uuid4(), pet_id=device.pet_id, owner_id=device.owner_id,
                    device_id=device.id, kind=f.kind, value=f.value, message=f.message,
                    raised_at=at) for f in findings]
    await raise_alerts(uow, alerts, publisher)
    return alerts


async def raise_alerts(uow: UnitOfWork, alerts: list[Alert], publisher=None) -> None:
    """Store ``alerts``; after commit, publish ``PetAlertRaised`` for each on ``pet:<id>``."""
    if not alerts:
        return
    await repo.add_alerts(uow, alerts)
    if publisher is None:
        return
    for alert in alerts:
        payload = {"type": "PetAlertRaised", "petId": str(alert.pet_id),
                   "alertId": str(alert.id)}
        uow.after_commit(lambda t=f"pet:{alert.pet_id}", p=payload: publisher([t], p))


def redis_publisher(redis, prefix: str):
    if redis is None:
        return None
    return lambda topics, payload: events.publish(redis, prefix, topics, payload)
