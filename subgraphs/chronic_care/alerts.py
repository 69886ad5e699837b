"""Pet alerts from wearable samples: the rules (pure) and the ingest path. No GraphQL.

``assess(heart_rate, temperature_c)`` gives the alerts one sample raises: FEVER at or above
``FEVER_C`` degrees Celsius, TACHYCARDIA at or above ``TACHYCARDIA_BPM`` (a resting-rate
bound suitable for dogs and cats; per-species and per-pet baselines come later).
``ingest`` stores the sample and its alerts in one transaction and, after commit, publishes
``PetAlertRaised`` on ``pet:<id>`` - a notification; the alert row is the state.
Until MQTT ingestion lands, samples come through the admin-only ``telemetryIngest`` mutation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from auth.principal import Principal
from persistence import events
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


async def ingest(uow: UnitOfWork, actor: Principal, sample: Sample,
                 publisher=None) -> list[Alert] | None:
    """Store ``sample`` and raise its alerts; None when the device is unknown or not allowed."""
    if not actor.is_admin:
        return None
    device = await repo.device_for_ingest(uow, sample.device_id)
    if device is None:
        return None
    at = (sample.at or datetime.now(UTC)).replace(second=0, microsecond=0)
    await repo.record_sample(uow, Telemetry(
        pet_id=device.pet_id, ts=at, device_id=device.id, owner_id=device.owner_id,
        heart_rate=sample.heart_rate, temperature_c=sample.temperature_c, steps=sample.steps,
        activity=sample.activity))
    alerts = [Alert(id=uuid.uuid4(), pet_id=device.pet_id, owner_id=device.owner_id,
                    device_id=device.id, kind=f.kind, value=f.value, message=f.message,
                    raised_at=at) for f in assess(sample.heart_rate, sample.temperature_c)]
    if alerts:
        await repo.add_alerts(uow, alerts)
    if alerts and publisher is not None:
        topic = f"pet:{device.pet_id}"
        for alert in alerts:
            payload = {"type": "PetAlertRaised", "petId": str(device.pet_id),
                       "alertId": str(alert.id)}
            uow.after_commit(lambda p=payload: publisher([topic], p))
    return alerts


def redis_publisher(redis, prefix: str):
    if redis is None:
        return None
    return lambda topics, payload: events.publish(redis, prefix, topics, payload)
