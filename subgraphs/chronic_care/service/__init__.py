"""chronic_care business rules: no GraphQL, no SQL (statements are ``repository`` calls).

- ``telemetry``: a wearable sample (``Sample``), its input check (``sample_problems``) and the
  ingest path shared by MQTT and ``telemetryIngest`` (store, judge, raise alerts).
- ``alerts``: FEVER / TACHYCARDIA from one sample (``assess``), storing alerts and publishing
  ``PetAlertRaised`` after commit (``raise_alerts``).
- ``geofence``: safe zones (``set_fence``) and ESCAPE excursions (``check``).
- ``inactivity``: still stretches, daytime hours, INACTIVITY per sample (``on_sample``) and
  between samples (``sweep_due``, run by ``subgraphs.chronic_care.sweep``).
- ``stats``: wearable stats windows and the shape of their numbers.

Refused input is ``Failure(ChronicCareErrorCode.BAD_USER_INPUT, message, field=...)``, one per
bad field (``input_failures``); nothing is written then.
"""

from __future__ import annotations

from subgraphs.chronic_care.errors import ChronicCareErrorCode
from subgraphs.shared.payloads import Failure


def input_failures(problems: list[tuple[str, str]]) -> list[Failure]:
    """``BAD_USER_INPUT`` payload failures from ``(field, message)`` problems."""
    return [Failure(ChronicCareErrorCode.BAD_USER_INPUT, message, field=field)
            for field, message in problems]
