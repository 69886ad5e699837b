"""appointments Query fields."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.appointments import repository as repo
from subgraphs.appointments.types import Appointment, Clinic


@strawberry.type
class Query:
    @strawberry.field
    async def clinics(self, info: Info, city: str | None = None, first: int = 20) -> list[Clinic]:
        rows = await repo.list_clinics(info.context.uow, city, max(1, min(first, 100)))
        return [Clinic.from_row(r) for r in rows]

    @strawberry.field
    async def clinic(self, info: Info, id: strawberry.ID) -> Clinic | None:
        row = await info.context.loaders.clinic_by_id.load(id)
        return Clinic.from_row(row) if row else None

    @strawberry.federation.field(authenticated=True)
    async def appointment(self, info: Info, id: strawberry.ID) -> Appointment | None:
        info.context.require_user()
        row = await info.context.loaders.appointment_by_id.load(id)
        return Appointment.from_row(row) if row else None

    @strawberry.federation.field(authenticated=True,
                                 description="The caller's appointments, newest first.")
    async def my_appointments(self, info: Info, first: int = 20) -> list[Appointment]:
        user = info.context.require_user()
        rows = await repo.appointments_of_owner(info.context.uow, info.context.principal, user,
                                                max(1, min(first, 100)))
        return [Appointment.from_row(r) for r in rows]
