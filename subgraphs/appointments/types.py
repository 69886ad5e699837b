"""appointments GraphQL types: Clinic, Vet, Appointment entities; Pet extended with visits."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from subgraphs.appointments import models
from subgraphs.appointments.context import loaders
from subgraphs.shared.resolving import each, optional, then
from subgraphs.shared.schema import list_size


@strawberry.enum
class AppointmentStatus(Enum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    IN_PROGRESS = "in_progress"
    EN_ROUTE = "en_route"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


@strawberry.enum
class VisitKind(Enum):
    CLINIC = "CLINIC"
    HOME_VISIT = "HOME_VISIT"
    VIDEO = "VIDEO"


@strawberry.federation.type(keys=["id"])
class Clinic:
    id: strawberry.ID
    name: str
    address: str
    city: str
    latitude: float
    longitude: float
    geohash: str
    phone: str
    services: list[str]

    @classmethod
    def from_row(cls, row: models.Clinic) -> "Clinic":
        return cls(id=strawberry.ID(str(row.id)), name=row.name, address=row.address,
                   city=row.city, latitude=row.latitude, longitude=row.longitude,
                   geohash=row.geohash, phone=row.phone, services=list(row.services))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Clinic | None":
        row = await loaders(info).clinic_by_id.load(id)
        return cls.from_row(row) if row else None

    @strawberry.field(directives=[list_size(assumed=10)])
    def vets(self, info: Info) -> list["Vet"]:
        return then(loaders(info).vets_by_clinic_id.load(self.id),
                    each(Vet.from_row))


@strawberry.federation.type(keys=["id"])
class Vet:
    id: strawberry.ID
    name: str
    specialities: list[str]
    clinic_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.Vet) -> "Vet":
        return cls(id=strawberry.ID(str(row.id)), name=row.name,
                   specialities=list(row.specialities), clinic_id=str(row.clinic_id))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Vet | None":
        row = await loaders(info).vet_by_id.load(id)
        return cls.from_row(row) if row else None

    @strawberry.field
    def clinic(self, info: Info) -> Clinic | None:
        return then(loaders(info).clinic_by_id.load(self.clinic_id), _clinic)


@strawberry.type
class StatusChange:
    from_status: AppointmentStatus | None
    to_status: AppointmentStatus
    changed_at: datetime
    eta_minutes: int | None
    rescheduled_to: datetime | None = strawberry.field(
        description="The new start time, when this change was a reschedule.")


@strawberry.type(description="A bookable time with one vet (pass its vet and start to "
                             "`appointmentBook`).")
class Slot:
    starts_at: datetime
    ends_at: datetime
    kinds: list[VisitKind]
    vet_id: strawberry.Private[str]

    @strawberry.field
    def vet(self, info: Info) -> Vet | None:
        return then(loaders(info).vet_by_id.load(self.vet_id), _vet)


@strawberry.federation.type(keys=["id"])
class Appointment:
    id: strawberry.ID
    kind: VisitKind
    status: AppointmentStatus
    starts_at: datetime
    ends_at: datetime
    reason: str
    eta_minutes: int | None = strawberry.field(
        description="Minutes until the vet arrives, while a home visit is en route.")
    row: strawberry.Private[models.Appointment]

    @classmethod
    def from_row(cls, row: models.Appointment) -> "Appointment":
        return cls(id=strawberry.ID(str(row.id)), kind=VisitKind(row.kind),
                   status=AppointmentStatus(row.status), starts_at=row.starts_at,
                   ends_at=row.ends_at, reason=row.reason, eta_minutes=row.eta_minutes,
                   row=row)

    @strawberry.field(description="Every status change, oldest first.",
                      directives=[list_size(assumed=10)])
    def status_history(self, info: Info) -> list["StatusChange"]:
        return then(loaders(info).status_history_by_appointment_id.load(self.id),
                    _status_changes)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Appointment | None":
        row = await loaders(info).appointment_by_id.load(id)
        return cls.from_row(row) if row else None

    @strawberry.field
    def pet(self) -> "Pet":
        return Pet(id=strawberry.ID(str(self.row.pet_id)))

    @strawberry.field
    def clinic(self, info: Info) -> Clinic | None:
        row = self.row.__dict__.get("_clinic")  # joined by the repository when it listed us
        if row is None:
            return then(loaders(info).clinic_by_id.load(str(self.row.clinic_id)), _clinic)
        return Clinic.from_row(row)

    @strawberry.field
    def vet(self, info: Info) -> Vet | None:
        row = self.row.__dict__.get("_vet")
        if row is None:
            return then(loaders(info).vet_by_id.load(str(self.row.vet_id)), _vet)
        return Vet.from_row(row)


@strawberry.federation.type(keys=["id"])
class Pet:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> "Pet":
        return cls(id=id)

    @strawberry.field(description="Visits that have started, newest first.",
                      directives=[list_size(slicing=["last"])])
    def visits(self, info: Info, last: int = 5) -> list[Appointment]:
        key = (self.id, max(0, min(last, 100)))
        return then(loaders(info).visits_by_pet_id.load(key),
                    lambda found: [Appointment.from_row(r) for r in found[0]])

    @strawberry.field(description="The earliest upcoming open appointment.")
    def next_appointment(self, info: Info) -> Appointment | None:
        return then(loaders(info).visits_by_pet_id.load((self.id, 0)),
                    lambda found: _appointment(found[1]))


def _status_changes(rows) -> list[StatusChange]:
    return [StatusChange(from_status=AppointmentStatus(r.from_status) if r.from_status else None,
                         to_status=AppointmentStatus(r.to_status), changed_at=r.changed_at,
                         eta_minutes=r.eta_minutes, rescheduled_to=r.rescheduled_to)
            for r in rows]


_clinic = optional(Clinic.from_row)
_vet = optional(Vet.from_row)
_appointment = optional(Appointment.from_row)
