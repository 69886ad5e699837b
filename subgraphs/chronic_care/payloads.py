"""chronic_care mutation payloads and their error type (``ChronicCareError``: ``code``,
``field``, ``message``; an empty ``errors`` list is success)."""

from __future__ import annotations

import strawberry

from subgraphs.chronic_care.errors import ChronicCareErrorCode
from subgraphs.chronic_care.types import Alert, Geofence
from subgraphs.shared.payloads import PayloadError, payload_error


@payload_error(ChronicCareErrorCode)
class ChronicCareError(PayloadError):
    """Why a mutation of this domain changed nothing (``code``, input ``field``, ``message``)."""


@strawberry.type
class TelemetryIngestPayload:
    alerts: list[Alert] = strawberry.field(description="Alerts this sample raised.")
    errors: list[ChronicCareError]


@strawberry.type
class GeofenceSetPayload:
    geofence: Geofence | None
    errors: list[ChronicCareError]
