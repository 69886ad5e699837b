"""Moving an appointment through its lifecycle: checks, the write, the event. No GraphQL."""

from __future__ import annotations

from dataclasses import dataclass

from auth.principal import Principal
from persistence import events
from subgraphs.appointments import repository as repo
from subgraphs.appointments.errors import AppointmentErrorCode as Code
from subgraphs.appointments.lifecycle import Booking, Status, allowed, can_move
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
                      status=Status(appointment.status))
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
                     eta: int | None, publisher=None) -> tuple[Appointment | None, Failure | None]:
    """Apply one transition; on failure nothing changes. ``publisher(topics, payload)``."""
    found = await repo.appointment_for_update(uow, appointment_id)
    visible = found is not None and (
        actor.is_admin or await repo.appointments_by_ids(uow, actor, [appointment_id]))
    if not visible:
        return None, Failure(Code.NOT_FOUND, "appointmentId", "appointment not found")
    appointment, vet = found
    failure = _check(actor, appointment, str(vet.account_id) if vet.account_id else None, to, eta)
    if failure:
        return None, failure
    await repo.record_status(uow, appointment, to.value, actor.user_id, eta)
    if publisher is not None:
        payload = {"type": "AppointmentStatusChanged", "appointmentId": appointment_id,
                   "vetId": str(appointment.vet_id), "status": to.value, "etaMinutes": eta}
        topics = [f"appointment:{appointment_id}", f"clinic:{appointment.clinic_id}"]
        uow.after_commit(lambda: publisher(topics, payload))
    return appointment, None


def redis_publisher(redis, prefix: str):
    if redis is None:
        return None
    return lambda topics, payload: events.publish(redis, prefix, topics, payload)
