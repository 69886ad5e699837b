"""chronic_care GraphQL types: Device and CarePlan entities, WearableStats, Geofence, Alert;
Pet extended."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from subgraphs.chronic_care import models
from subgraphs.chronic_care.context import loaders
from subgraphs.chronic_care.service.stats import WearableStatsData
from subgraphs.shared.resolving import each, optional, then


@strawberry.enum
class StatsWindow(Enum):
    LAST_24_HOURS = "LAST_24_HOURS"
    LAST_7_DAYS = "LAST_7_DAYS"
    LAST_30_DAYS = "LAST_30_DAYS"


@strawberry.enum
class CarePlanStatus(Enum):
    ACTIVE = "ACTIVE"
    PAUSED = "PAUSED"
    ENDED = "ENDED"


@strawberry.federation.type(keys=["id"])
class Device:
    id: strawberry.ID
    serial: str
    model: str
    bound_at: datetime
    pet_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.Device) -> "Device":
        return cls(id=strawberry.ID(str(row.id)), serial=row.serial, model=row.model,
                   bound_at=row.bound_at, pet_id=str(row.pet_id))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Device | None":
        row = await loaders(info).device_by_id.load(id)
        return cls.from_row(row) if row else None

    @strawberry.field(description="The pet the collar is bound to.")
    def pet(self) -> "Pet":
        return Pet(id=strawberry.ID(self.pet_id))


@strawberry.federation.type(keys=["id"])
class CarePlan:
    id: strawberry.ID
    condition: str
    title: str
    status: CarePlanStatus
    started_on: date
    pet_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.CarePlan) -> "CarePlan":
        return cls(id=strawberry.ID(str(row.id)), condition=row.condition, title=row.title,
                   status=CarePlanStatus(row.status), started_on=row.started_on,
                   pet_id=str(row.pet_id))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "CarePlan | None":
        row = await loaders(info).care_plan_by_id.load(id)
        return cls.from_row(row) if row else None

    @strawberry.field
    def pet(self) -> "Pet":
        return Pet(id=strawberry.ID(self.pet_id))


@strawberry.type(description="Wearable telemetry aggregated over a window ending now.")
class WearableStats:
    window: StatsWindow
    from_: datetime = strawberry.field(name="from", description="Window start (inclusive).")
    to: datetime = strawberry.field(description="Window end (exclusive): the request time.")
    samples: int = strawberry.field(description="Per-minute samples in the window.")
    avg_heart_rate: float | None
    min_heart_rate: int | None
    max_heart_rate: int | None
    avg_temperature_c: float | None
    max_temperature_c: float | None
    total_steps: int
    active_minutes: int = strawberry.field(description="Minutes with activity >= 0.3.")

    @classmethod
    def from_data(cls, data: WearableStatsData) -> "WearableStats":
        return cls(window=StatsWindow(data.window), from_=data.since, to=data.until,
                   samples=data.samples, avg_heart_rate=data.avg_heart_rate,
                   min_heart_rate=data.min_heart_rate, max_heart_rate=data.max_heart_rate,
                   avg_temperature_c=data.avg_temperature_c,
                   max_temperature_c=data.max_temperature_c, total_steps=data.total_steps,
                   active_minutes=data.active_minutes)


@strawberry.federation.type(keys=["id"])
class Pet:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> "Pet":
        return cls(id=id)

    @strawberry.field(description="Wearable stats for the window; null when no device is bound.")
    def wearable_stats(self, info: Info,
                       window: StatsWindow = StatsWindow.LAST_7_DAYS) -> WearableStats | None:
        return then(loaders(info).wearable_stats_by_pet_id_window.load(
            (str(self.id), window.value)), _wearable_stats)

    @strawberry.field(description="Collars bound to the pet, most recently bound first.")
    def devices(self, info: Info) -> list[Device]:
        return then(loaders(info).devices_by_pet_id.load(str(self.id)),
                    each(Device.from_row))

    @strawberry.field(description="The pet's safe zone (escape alerts); null when none is set.")
    def geofence(self, info: Info) -> "Geofence | None":
        return then(loaders(info).geofence_by_pet_id.load(str(self.id)), _geofence)

    @strawberry.field(description="Care plans for chronic conditions, newest first.")
    def care_plans(self, info: Info) -> list[CarePlan]:
        return then(loaders(info).care_plans_by_pet_id.load(str(self.id)),
                    each(CarePlan.from_row))


@strawberry.type(description="A pet's safe zone: within radiusM metres of the home point.")
class Geofence:
    lat: float
    lon: float
    radius_m: int
    outside: bool = strawberry.field(description="The last GPS fix was outside the zone.")
    updated_at: datetime

    @classmethod
    def from_row(cls, row: models.Geofence) -> "Geofence":
        return cls(lat=row.lat, lon=row.lon, radius_m=row.radius_m, outside=row.outside,
                   updated_at=row.updated_at)


_wearable_stats = optional(WearableStats.from_data)
_geofence = optional(Geofence.from_row)


@strawberry.enum
class AlertKind(Enum):
    FEVER = "FEVER"
    TACHYCARDIA = "TACHYCARDIA"
    ESCAPE = "ESCAPE"
    INACTIVITY = "INACTIVITY"


@strawberry.type(description="A health alert raised from wearable samples.")
class Alert:
    id: strawberry.ID
    kind: AlertKind
    value: float = strawberry.field(description="°C for FEVER, beats per minute for TACHYCARDIA, "
                                                "metres from home for ESCAPE, hours of "
                                                "daytime without activity for INACTIVITY.")
    message: str
    raised_at: datetime
    pet_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.Alert) -> "Alert":
        return cls(id=strawberry.ID(str(row.id)), kind=AlertKind(row.kind), value=row.value,
                   message=row.message, raised_at=row.raised_at, pet_id=str(row.pet_id))

    @strawberry.field
    def pet(self) -> Pet:
        return Pet(id=strawberry.ID(self.pet_id))
