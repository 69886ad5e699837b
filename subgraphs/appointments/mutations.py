"""appointments Mutation fields: the lifecycle transitions (noun first, payload errors)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.appointments.errors import AppointmentErrorCode
from subgraphs.appointments.lifecycle import Status
from subgraphs.appointments.transitions import redis_publisher, transition
from subgraphs.appointments.types import Appointment

ErrorCodeType = strawberry.enum(AppointmentErrorCode, name="AppointmentErrorCode")


@strawberry.type
class AppointmentError:
    code: ErrorCodeType
    field: str | None
    message: str


@strawberry.type
class AppointmentTransitionPayload:
    appointment: Appointment | None
    errors: list[AppointmentError]


@strawberry.input
class AppointmentTransitionInput:
    appointment_id: strawberry.ID


@strawberry.input
class AppointmentEnRouteInput:
    appointment_id: strawberry.ID
    eta_minutes: int


async def _apply(info: Info, appointment_id: str, to: Status,
                 eta: int | None = None) -> AppointmentTransitionPayload:
    ctx = info.context
    ctx.require_user()
    publisher = redis_publisher(getattr(ctx.resources, "redis", None),
                                getattr(ctx.resources, "redis_prefix", ""))
    row, failure = await transition(ctx.uow, ctx.principal, str(appointment_id), to, eta,
                                    publisher)
    if failure:
        error = AppointmentError(code=failure.code, field=failure.field, message=failure.message)
        return AppointmentTransitionPayload(appointment=None, errors=[error])
    return AppointmentTransitionPayload(appointment=Appointment.from_row(row), errors=[])


def _transition(to: Status, description: str):
    """A mutation field that moves an appointment to ``to`` (one implementation for all)."""

    async def resolve(info: Info, input: AppointmentTransitionInput) -> AppointmentTransitionPayload:
        return await _apply(info, input.appointment_id, to)

    return strawberry.mutation(resolver=resolve, description=description)


@strawberry.type
class Mutation:
    appointment_confirm = _transition(Status.CONFIRMED, "Clinic confirms a requested appointment.")
    appointment_check_in = _transition(Status.CHECKED_IN,
                                       "The pet has arrived (or the vet arrived at home).")
    appointment_start = _transition(Status.IN_PROGRESS, "The vet starts the visit.")
    appointment_complete = _transition(Status.COMPLETED, "The visit is done.")
    appointment_cancel = _transition(Status.CANCELLED,
                                     "Cancel a requested or confirmed appointment.")
    appointment_mark_no_show = _transition(Status.NO_SHOW, "The pet did not come.")

    @strawberry.mutation(description="Home visit: the vet is on the way (repeat to update ETA).")
    async def appointment_en_route(self, info: Info, input: AppointmentEnRouteInput
                                   ) -> AppointmentTransitionPayload:
        return await _apply(info, input.appointment_id, Status.EN_ROUTE, input.eta_minutes)
