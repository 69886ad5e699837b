"""Moving an appointment through its lifecycle: checks, the write, the event. No GraphQL."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from auth.principal import Principal
from subgraphs.appointments import repository as repo
from subgraphs.appointments.effects import Change, Effects, days_touched
from subgraphs.appointments.errors import AppointmentErrorCode as Code
from subgraphs.appointments.lifecycle import HOLDS_SLOT, Booking, Status, allowed, can_move
from subgraphs.appointments.models import Appointment
from subgraphs.shared.context import UnitOfWork

MAX_ETA_MINUTES = 24 * 60


@dataclass(frozen=True)
class Failure:
    code: Code
    field: str | None
    message: str


def _check(actor: Principal, appointment: Appointment, vet_account: str | None, to: Status,
           eta: int | None) -> Failure | None:
    booking = Booking(owner_id=str(appointment.owner_id), clinic_id=str(appointment.clinic_id),
                      vet_account_id=vet_account, kind=appointment.kind,
                      status=Status(appointment.status), pet_id=str(appointment.pet_id))
    if not allowed(actor, booking, to):
        return Failure(Code.FORBIDDEN, None, "you may not change this appointment")
    if not can_move(booking.status, to, booking.kind):
        return Failure(Code.INVALID_TRANSITION, "status",
                       f"cannot go from {booking.status} to {to} ({booking.kind.lower()})")
    if (to is Status.EN_ROUTE) != (eta is not None):
        return Failure(Code.BAD_USER_INPUT, "etaMinutes", "etaMinutes goes with en route only")
    if eta is not None and not 0 <= eta <= MAX_ETA_MINUTES:
        return Failure(Code.BAD_USER_INPUT, "etaMinutes", f"0..{MAX_ETA_MINUTES} minutes")
    return None


async def transition(uow: UnitOfWork, actor: Principal, appointment_id: str, to: Status,
                     eta: int | None, effects: Effects | None = None
                     ) -> tuple[Appointment | None, Failure | None]:
    """Apply one transition; on failure nothing changes. Events etc. follow the commit."""
    found = await repo.appointment_for_update(uow, appointment_id) if is_uuid(appointment_id) \
        else None
    visible = found is not None and (
        actor.is_admin or await repo.appointments_by_ids(uow, actor, [appointment_id]))
    if not visible:
        return None, Failure(Code.NOT_FOUND, "appointmentId", "appointment not found")
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


def is_uuid(value: str) -> bool:
    """Canonical lowercase UUID strings only (the ids of this API)."""
    try:
        return str(uuid.UUID(value)) == value
    except (ValueError, AttributeError, TypeError):
        return False
