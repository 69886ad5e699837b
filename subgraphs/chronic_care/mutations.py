"""chronic_care Mutation fields: a pet's safe zone (owners), telemetry ingestion (internal).

Out-of-range input is refused before anything is written: a top-level error with
``extensions.code`` ``BAD_USER_INPUT`` (and ``extensions.field``). Collars normally publish
over MQTT (``subgraphs.chronic_care.ingest``); ``telemetryIngest`` is the same path for admins.
"""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from subgraphs.chronic_care import geofence
from subgraphs.chronic_care.alerts import Sample, ingest, redis_publisher, sample_problems
from subgraphs.chronic_care.errors import ChronicCareErrorCode, invalid_input
from subgraphs.chronic_care.types import Alert, Geofence
from subgraphs.shared.errors import not_found

ErrorCodeType = strawberry.enum(ChronicCareErrorCode, name="ChronicCareErrorCode")


@strawberry.type
class ChronicCareError:
    code: ErrorCodeType
    field: str | None
    message: str


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


@strawberry.type
class TelemetryIngestPayload:
    alerts: list[Alert] = strawberry.field(description="Alerts this sample raised.")


@strawberry.input(description="A safe zone: lat -90..90, lon -180..180, radius 20..50000 m.")
class GeofenceSetInput:
    pet_id: strawberry.ID
    lat: float
    lon: float
    radius_m: int


@strawberry.type
class GeofenceSetPayload:
    geofence: Geofence | None
    errors: list[ChronicCareError]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Internal: store one wearable sample and raise its alerts "
                                     "(admins; collars publish over MQTT).")
    async def telemetry_ingest(self, info: Info, input: TelemetryIngestInput
                               ) -> TelemetryIngestPayload:
        ctx = info.context
        ctx.require_user()
        sample = Sample(device_id=str(input.device_id), heart_rate=input.heart_rate,
                        temperature_c=input.temperature_c, steps=input.steps,
                        activity=input.activity, at=input.at, lat=input.lat, lon=input.lon)
        problems = sample_problems(sample, getattr(ctx.resources, "wearable_rules", None))
        if problems:
            raise invalid_input(problems)
        publisher = redis_publisher(getattr(ctx.resources, "redis", None),
                                    getattr(ctx.resources, "redis_prefix", ""))
        alerts = await ingest(ctx.uow, ctx.principal, sample, publisher,
                              getattr(ctx.resources, "wearable_rules", None))
        if alerts is None:
            raise not_found("device")
        return TelemetryIngestPayload(alerts=[Alert.from_row(a) for a in alerts])

    @strawberry.federation.mutation(
        authenticated=True, requires_scopes=[["pets:write"]],
        description="Set (or replace) a pet's safe zone; a GPS fix outside it raises one ESCAPE "
                    "alert per excursion. The pet's owner, whoever it is shared with, or an admin.")
    async def geofence_set(self, info: Info, input: GeofenceSetInput) -> GeofenceSetPayload:
        ctx = info.context
        ctx.require_user()
        problems = geofence.fence_problems(input.lat, input.lon, input.radius_m)
        if problems:
            raise invalid_input(problems)
        row = await geofence.set_fence(ctx.uow, ctx.principal, str(input.pet_id), input.lat,
                                       input.lon, input.radius_m)
        if row is None:
            return GeofenceSetPayload(geofence=None, errors=[ChronicCareError(
                code=ChronicCareErrorCode.NOT_FOUND, field="petId",
                message="no pet with a collar that you may manage")])
        return GeofenceSetPayload(geofence=Geofence.from_row(row), errors=[])
