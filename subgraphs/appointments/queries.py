"""appointments Query fields."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from subgraphs.appointments.context import loaders
from subgraphs.appointments.repository import appointments as appointments_repo
from subgraphs.appointments.repository import clinics as clinics_repo
from subgraphs.appointments.service.availability import Ask, Refused, available
from subgraphs.appointments.service.ids import is_uuid
from subgraphs.appointments.service.schedule import DEFAULT_DURATION
from subgraphs.appointments.types import Appointment, Clinic, Slot, VisitKind
from subgraphs.shared.errors import bad_input, not_found
from subgraphs.shared.schema import list_size


@strawberry.type
class Query:
    @strawberry.field(directives=[list_size(slicing=["first"])])
    async def clinics(self, info: Info, city: str | None = None, first: int = 20) -> list[Clinic]:
        rows = await clinics_repo.list_clinics(info.context.uow, city, max(1, min(first, 100)))
        return [Clinic.from_row(r) for r in rows]

    @strawberry.field
    async def clinic(self, info: Info, id: strawberry.ID) -> Clinic | None:
        row = await loaders(info).clinic_by_id.load(id)
        return Clinic.from_row(row) if row else None

    @strawberry.federation.field(authenticated=True)
    async def appointment(self, info: Info, id: strawberry.ID) -> Appointment | None:
        info.context.require_user()
        row = await loaders(info).appointment_by_id.load(id)
        return Appointment.from_row(row) if row else None

    @strawberry.federation.field(authenticated=True,
                                 description="The caller's appointments, newest first.",
                                 directives=[list_size(slicing=["first"])])
    async def my_appointments(self, info: Info, first: int = 20) -> list[Appointment]:
        user = info.context.require_user()
        rows = await appointments_repo.appointments_of_owner(
            info.context.uow, info.context.principal, user, max(1, min(first, 100)))
        return [Appointment.from_row(r) for r in rows]

    @strawberry.field(description="Free slots of a clinic from `startDate` to `endDate` "
                                  "(UTC days, inclusive, at most 31), from its vets' working "
                                  "hours minus booked visits, in time order; optionally for "
                                  "one vet, a service the clinic offers, or a visit kind.",
                      directives=[list_size(slicing=["first"])])
    async def availability(self, info: Info, clinic_id: strawberry.ID, start_date: date,
                           end_date: date, vet_id: strawberry.ID | None = None,
                           service: str | None = None, kind: VisitKind | None = None,
                           duration_minutes: int = DEFAULT_DURATION,
                           first: int = 100) -> list[Slot]:
        ctx = info.context
        clinic = (await loaders(info).clinic_by_id.load(str(clinic_id))
                  if is_uuid(str(clinic_id)) else None)
        if clinic is None:
            raise not_found("clinic")
        if vet_id is not None and not is_uuid(str(vet_id)):
            raise bad_input("vetId is not an id")
        ask = Ask(str(clinic_id), start_date, end_date, str(vet_id) if vet_id else None,
                  service, kind.value if kind else None, duration_minutes, first)
        try:
            found = await available(ctx.uow, getattr(ctx.resources, "redis", None),
                                    getattr(ctx.resources, "redis_prefix", ""), ask, clinic)
        except Refused as refused:
            raise bad_input(refused.message) from None
        return [Slot(starts_at=s.starts_at, ends_at=s.ends_at, vet_id=s.vet_id,
                     kinds=[VisitKind(k) for k in s.kinds]) for s in found]
