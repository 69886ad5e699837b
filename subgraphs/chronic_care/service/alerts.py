"""Pet alerts: the per-sample rules (pure) and raising alerts. No GraphQL, no SQL.

``assess(heart_rate, temperature_c)`` gives the alerts one sample raises: FEVER at or above
``FEVER_C`` degrees Celsius, TACHYCARDIA at or above ``TACHYCARDIA_BPM`` (a resting-rate
bound suitable for dogs and cats; per-species and per-pet baselines come later). ESCAPE
(``geofence``) and INACTIVITY (``inactivity``) are judged by their own rules.
``raise_alerts`` stores alerts and, after commit, publishes ``PetAlertRaised`` on
``pet:<id>`` - a notification; the alert row is the state.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from subgraphs.chronic_care import repository as repo
from subgraphs.chronic_care.models import Alert
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.events import Publisher, publish_after_commit

FEVER_C = 39.5
TACHYCARDIA_BPM = 180


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


def alert_of(finding: Finding, *, pet_id: uuid.UUID, owner_id: uuid.UUID,
             device_id: uuid.UUID, at: datetime) -> Alert:
    """A new alert row for ``finding`` about the pet, raised at ``at``."""
    return Alert(id=uuid.uuid4(), pet_id=pet_id, owner_id=owner_id, device_id=device_id,
                 kind=finding.kind, value=finding.value, message=finding.message, raised_at=at)


async def raise_alerts(uow: UnitOfWork, alerts: list[Alert],
                       publisher: Publisher | None = None) -> None:
    """Store ``alerts``; after commit, publish ``PetAlertRaised`` for each on ``pet:<id>``."""
    if not alerts:
        return
    await repo.add_alerts(uow, alerts)
    for alert in alerts:
        publish_after_commit(uow, publisher, [f"pet:{alert.pet_id}"], {
            "type": "PetAlertRaised", "petId": str(alert.pet_id), "alertId": str(alert.id)})
