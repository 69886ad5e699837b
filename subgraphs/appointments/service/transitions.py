"""Moving an appointment through its lifecycle: checks, the write, the effects. No GraphQL.

A transition is refused, with nothing written, when the caller may not see the appointment
(``NOT_FOUND``), may not make this move (``FORBIDDEN``), the state machine has no such move
(``INVALID_TRANSITION``, ``lifecycle``) or the ETA does not go with it (``BAD_USER_INPUT``).
The row is read under ``FOR UPDATE``; events, the availability cache and the rest follow the
commit (``effects``).
"""

from __future__ import annotations

from auth.principal import Principal
from subgraphs.appointments.errors import AppointmentErrorCode as Code
from subgraphs.appointments.models import Appointment, Vet
from subgraphs.appointments.repository import appointments as repo
from subgraphs.appointments.service.effects import Change, Effects, days_touched
from subgraphs.appointments.service.ids import is_uuid
from subgraphs.appointments.service.lifecycle import HOLDS_SLOT, Booking, Status, allowed, can_move
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.payloads import Failure

MAX_ETA_MINUTES = 24 * 60


def _check(actor: Principal, appointment: Appointment, vet_account: str | None, to: Status,
           eta: int | None) -> Failure | None:
    booking = Booking(owner_id=str(appointment.owner_id), clinic_id=str(appointment.clinic_id),
                      vet_account_id=vet_account, kind=appointment.kind,
                      status=Status(appointment.status), pet_id=str(appointment.pet_id))
    if not allowed(actor, booking, to):
        return Failure(Code.FORBIDDEN, "you may not change this appointment")
    if not can_move(booking.status, to, booking.kind):
        return Failure(Code.INVALID_TRANSITION,
                       f"cannot go from {booking.status} to {to} ({booking.kind.lower()})",
                       field="status")
    if (to is Status.EN_ROUTE) != (eta is not None):
        return Failure(Code.BAD_USER_INPUT, "etaMinutes goes with en route only",
                       field="etaMinutes")
    if eta is not None and not 0 <= eta <= MAX_ETA_MINUTES:
        return Failure(Code.BAD_USER_INPUT, f"0..{MAX_ETA_MINUTES} minutes", field="etaMinutes")
    return None


async def visible_for_update(uow: UnitOfWork, actor: Principal, appointment_id: str
                             ) -> tuple[Appointment, Vet] | None:
    """(appointment, its vet), the appointment locked, if ``actor`` may see it; else None."""
    found = await repo.appointment_for_update(uow, appointment_id) if is_uuid(
        appointment_id) else None
    if found is None or not (actor.is_admin
                             or await repo.appointments_by_ids(uow, actor, [appointment_id])):
        return None
    return found


async def transition(uow: UnitOfWork, actor: Principal, appointment_id: str, to: Status,
                     eta: int | None, effects: Effects | None = None
                     ) -> tuple[Appointment | None, Failure | None]:
    """Apply one transition; on failure nothing changes. Events etc. follow the commit."""
    found = await visible_for_update(uow, actor, appointment_id)
    if found is None:
        return None, Failure(Code.NOT_FOUND, "appointment not found", field="appointmentId")
    appointment, vet = found
    failure = _check(actor, appointment, str(vet.account_id) if vet.account_id else None, to, eta)
    if failure:
        return None, failure
    holds_before = appointment.status in HOLDS_SLOT
    await repo.record_status(uow, appointment, to.value, actor.user_id, eta)
    if effects is not None:
        clinic_id = str(appointment.clinic_id)
        freed = (days_touched(clinic_id, appointment.starts_at, appointment.ends_at)
                 if holds_before and to.value not in HOLDS_SLOT else set())
        effects.after_commit(uow, Change(
            "AppointmentStatusChanged", appointment_id, clinic_id, to.value,
            [str(appointment.vet_id)], eta, freed_or_taken=freed))
    return appointment, None
