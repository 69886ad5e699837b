"""chronic_care Mutation fields: a pet's safe zone (owners), telemetry ingestion (internal).

Out-of-range input is refused before anything is written: the payload's ``errors`` hold one
``ChronicCareError`` ``BAD_USER_INPUT`` per bad field. Collars normally publish over MQTT
(``subgraphs.chronic_care.ingest``); ``telemetryIngest`` is the same path for admins.
"""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.chronic_care.inputs import GeofenceSetInput, TelemetryIngestInput
from subgraphs.chronic_care.payloads import ChronicCareError, GeofenceSetPayload, TelemetryIngestPayload
from subgraphs.chronic_care.service import geofence, telemetry
from subgraphs.chronic_care.types import Alert, Geofence
from subgraphs.shared.errors import not_found
from subgraphs.shared.events import publisher_of


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Internal: store one wearable sample and raise its alerts "
                                     "(admins; collars publish over MQTT).")
    async def telemetry_ingest(self, info: Info, input: TelemetryIngestInput
                               ) -> TelemetryIngestPayload:
        ctx = info.context
        ctx.require_user()
        sample = telemetry.Sample(
            device_id=str(input.device_id), heart_rate=input.heart_rate,
            temperature_c=input.temperature_c, steps=input.steps, activity=input.activity,
            at=input.at, lat=input.lat, lon=input.lon)
        alerts, failures = await telemetry.ingest(
            ctx.uow, ctx.principal, sample, publisher_of(ctx.resources),
            getattr(ctx.resources, "wearable_rules", None))
        if failures:
            return TelemetryIngestPayload(alerts=[],
                                          errors=[ChronicCareError.of(f) for f in failures])
        if alerts is None:
            raise not_found("device")
        return TelemetryIngestPayload(alerts=[Alert.from_row(a) for a in alerts], errors=[])

    @strawberry.federation.mutation(
        authenticated=True, requires_scopes=[["pets:write"]],
        description="Set (or replace) a pet's safe zone; a GPS fix outside it raises one ESCAPE "
                    "alert per excursion. The pet's owner, whoever it is shared with, or an admin.")
    async def geofence_set(self, info: Info, input: GeofenceSetInput) -> GeofenceSetPayload:
        ctx = info.context
        ctx.require_user()
        row, failures = await geofence.set_fence(ctx.uow, ctx.principal, str(input.pet_id),
                                                 input.lat, input.lon, input.radius_m)
        return GeofenceSetPayload(geofence=Geofence.from_row(row) if row else None,
                                  errors=[ChronicCareError.of(f) for f in failures])
