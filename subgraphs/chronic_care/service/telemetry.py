"""Wearable samples: the input check and the ingest path. No GraphQL, no SQL.

Samples arrive over MQTT (``subgraphs.chronic_care.ingest``, trusted: ``record``) or through
the admin-only ``telemetryIngest`` mutation (``ingest``). ``sample_problems`` is the shared
input check (ranges the store can hold and a body can produce). ``record`` stores the sample
and its alerts in one transaction: FEVER/TACHYCARDIA (``alerts.assess``); a GPS fix may start
an ESCAPE (``geofence.check``: once per excursion, value = metres from home); every sample
moves the pet's still stretch on and may complete an INACTIVITY episode
(``inactivity.on_sample``: once per stretch, value = daytime hours still; between samples the
sweep raises it). After commit each alert is published (``alerts.raise_alerts``).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from auth.principal import Principal
from subgraphs.chronic_care import repository as repo
from subgraphs.chronic_care.models import Alert, Telemetry
from subgraphs.chronic_care.service import alerts, geofence, inactivity, input_failures
from subgraphs.chronic_care.settings import WearableSettings
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.events import Publisher
from subgraphs.shared.payloads import Failure


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
    elif sample.lat is not None and sample.lon is not None:  # both, as just checked
        problems.extend(geofence.position_problems(sample.lat, sample.lon))
    if sample.at is not None and sample.at.tzinfo is None:
        problems.append(("at", "timestamp needs a time zone"))
    elif sample.at is not None:
        skew = (rules or WearableSettings()).max_clock_skew_minutes
        if sample.at > (now or datetime.now(UTC)) + timedelta(minutes=skew):
            problems.append(("at", f"timestamp is more than {skew} min ahead of the server "
                                   "clock"))
    return problems


async def ingest(uow: UnitOfWork, actor: Principal, sample: Sample,
                 publisher: Publisher | None = None, rules: WearableSettings | None = None
                 ) -> tuple[list[Alert] | None, list[Failure]]:
    """Check, store ``sample`` and raise its alerts: ``(alerts, [])``. Out-of-range input:
    ``(None, failures)``, one ``BAD_USER_INPUT`` per bad field, nothing written. Unknown
    device, or a caller who may not ingest (admins only): ``(None, [])``."""
    failures = input_failures(sample_problems(sample, rules))
    if failures:
        return None, failures
    if not actor.is_admin:
        return None, []
    return await record(uow, sample, publisher, rules), []


async def record(uow: UnitOfWork, sample: Sample, publisher: Publisher | None = None,
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
    findings = alerts.assess(sample.heart_rate, sample.temperature_c)
    if sample.lat is not None and sample.lon is not None:
        away = await geofence.check(uow, device.pet_id, sample.lat, sample.lon)
        if away is not None:
            findings.append(geofence.escape(away))
    still = await inactivity.on_sample(uow, device, at,
                                       inactivity.is_active(sample.steps, sample.activity),
                                       rules or WearableSettings())
    if still is not None:
        findings.append(inactivity.finding(still))
    raised = [alerts.alert_of(f, pet_id=device.pet_id, owner_id=device.owner_id,
                              device_id=device.id, at=at) for f in findings]
    await alerts.raise_alerts(uow, raised, publisher)
    return raised
