"""chronic_care input types. None carries the caller's id: it comes from the token."""

from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.input
class TelemetryIngestInput:
    device_id: strawberry.ID
    heart_rate: int
    temperature_c: float
    steps: int = 0
    activity: float = 0.0
    at: datetime | None = None
    lat: float | None = None
    lon: float | None = None


@strawberry.input(description="A safe zone: lat -90..90, lon -180..180, radius 20..50000 m.")
class GeofenceSetInput:
    pet_id: strawberry.ID
    lat: float
    lon: float
    radius_m: int
