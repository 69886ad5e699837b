"""appointments Mutation fields: booking, rescheduling and the lifecycle transitions (noun
first, payload errors). The rules are in ``service``."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.appointments.inputs import (
    AppointmentBookInput,
    AppointmentEnRouteInput,
    AppointmentRescheduleInput,
    AppointmentTransitionInput,
)
from subgraphs.appointments.payloads import (
    AppointmentBookPayload,
    AppointmentReschedulePayload,
    AppointmentTransitionPayload,
    outcome,
)
from subgraphs.appointments.service.booking import BookRequest, RescheduleRequest, book, reschedule
from subgraphs.appointments.service.effects import Effects
from subgraphs.appointments.service.lifecycle import Status
from subgraphs.appointments.service.transitions import transition


async def _apply(info: Info, appointment_id: str, to: Status,
                 eta: int | None = None) -> AppointmentTransitionPayload:
    ctx = info.context
    ctx.require_user()
    row, failure = await transition(ctx.uow, ctx.principal, str(appointment_id), to, eta,
                                    Effects.of(ctx.resources))
    return outcome(AppointmentTransitionPayload, row, failure)


def _transition(to: Status, description: str):
    """A mutation field that moves an appointment to ``to`` (one implementation for all)."""

    async def resolve(info: Info, input: AppointmentTransitionInput) -> AppointmentTransitionPayload:
        return await _apply(info, input.appointment_id, to)

    return strawberry.mutation(resolver=resolve, description=description)


@strawberry.type
class Mutation:
    @strawberry.federation.mutation(
        authenticated=True, requires_scopes=[["pets:write"]],
        description="Book a visit (status `requested`). A taken time is refused with "
                    "`CONFLICT` and nothing is booked.")
    async def appointment_book(self, info: Info, input: AppointmentBookInput
                               ) -> AppointmentBookPayload:
        ctx = info.context
        ctx.require_user()
        request = BookRequest(str(input.pet_id), str(input.vet_id), input.kind.value,
                              input.starts_at, input.duration_minutes, input.reason)
        row, failure = await book(ctx.uow, ctx.principal, request, Effects.of(ctx.resources),
                                  getattr(ctx.resources, "patient_sync", None))
        return outcome(AppointmentBookPayload, row, failure)

    @strawberry.federation.mutation(
        authenticated=True, requires_scopes=[["pets:write"], ["clinic:read"]],
        description="Move a requested or confirmed visit; an owner's move needs the clinic to "
                    "confirm again (status back to `requested`), staff moves keep the status.")
    async def appointment_reschedule(self, info: Info, input: AppointmentRescheduleInput
                                     ) -> AppointmentReschedulePayload:
        ctx = info.context
        ctx.require_user()
        request = RescheduleRequest(str(input.appointment_id), input.starts_at,
                                    input.duration_minutes,
                                    str(input.vet_id) if input.vet_id else None)
        row, failure = await reschedule(ctx.uow, ctx.principal, request,
                                        Effects.of(ctx.resources))
        return outcome(AppointmentReschedulePayload, row, failure)

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
