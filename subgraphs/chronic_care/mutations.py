"""chronic_care Mutation fields: telemetry ingestion (internal, admin only until MQTT)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from subgraphs.chronic_care.alerts import Sample, ingest, redis_publisher
from subgraphs.chronic_care.types import Alert
from subgraphs.shared.errors import not_found


@strawberry.input
class TelemetryIngestInput:
    device_id: strawberry.ID
    heart_rate: int
    temperature_c: float
    steps: int = 0
    activity: float = 0.0
    at: datetime | None = None


@strawberry.type
class TelemetryIngestPayload:
    alerts: list[Alert] = strawberry.field(description="Alerts this sample raised.")


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Internal: store one wearable sample and raise its alerts "
                                     "(admins / ingestion service; MQTT comes later).")
    async def telemetry_ingest(self, info: Info, input: TelemetryIngestInput
                               ) -> TelemetryIngestPayload:
        ctx = info.context
        ctx.require_user()
        sample = Sample(device_id=str(input.device_id), heart_rate=input.heart_rate,
                        temperature_c=input.temperature_c, steps=input.steps,
                        activity=input.activity, at=input.at)
        publisher = redis_publisher(getattr(ctx.resources, "redis", None),
                                    getattr(ctx.resources, "redis_prefix", ""))
        alerts = await ingest(ctx.uow, ctx.principal, sample, publisher)
        if alerts is None:
            raise not_found("device")
        return TelemetryIngestPayload(alerts=[Alert.from_row(a) for a in alerts])
