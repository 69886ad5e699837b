"""Booking and rescheduling: checks, the write, what follows the commit. No GraphQL.

A booking is refused, with nothing written, when the caller may not manage the pet
(``NOT_FOUND``: whether it exists is not revealed), the input is wrong or outside the vet's
working hours (``BAD_USER_INPUT``), or the time overlaps another visit of the vet
(``CONFLICT``: decided by the database's exclusion constraint inside a savepoint, never by
a read-then-write). Rescheduling adds: only ``lifecycle.RESCHEDULABLE`` states
(``INVALID_TRANSITION``), a status history entry with the new time. Events, the
availability cache and the care directory follow the commit (``effects``).
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from auth.principal import Principal
from subgraphs.appointments.errors import AppointmentErrorCode as Code
from subgraphs.appointments.models import Appointment, Vet
from subgraphs.appointments.repository import appointments as repo
from subgraphs.appointments.repository import clinics as clinics_repo
from subgraphs.appointments.repository import patients as patients_repo
from subgraphs.appointments.service.effects import Change, Effects, days_touched
from subgraphs.appointments.service.ids import is_uuid
from subgraphs.appointments.service.lifecycle import (
    RESCHEDULABLE,
    Booking,
    Status,
    may_book,
    may_reschedule,
    status_after_reschedule,
)
from subgraphs.appointments.service.schedule import MAX_REASON, Shift, check_booking
from subgraphs.appointments.service.transitions import visible_for_update
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.payloads import Failure

TAKEN = "the vet already has a visit at that time"
CATCH_UP_ATTEMPTS, CATCH_UP_PAUSE = 4, 0.25  # an unknown pet: wait up to ~1 s for its registration
PET_BUSY = "the pet already has a visit at that time"


def _refused(constraint: str) -> Failure:
    """The CONFLICT for a booking the database's exclusion constraints refused."""
    return Failure(Code.CONFLICT,
                   PET_BUSY if constraint == "appointment_pet_no_double_booking" else TAKEN,
                   field="startsAt")


@dataclass(frozen=True)
class BookRequest:
    pet_id: str
    vet_id: str
    kind: str
    starts_at: datetime
    duration_minutes: int
    reason: str


@dataclass(frozen=True)
class RescheduleRequest:
    appointment_id: str
    starts_at: datetime
    duration_minutes: int | None = None  # None: keep the current length
    vet_id: str | None = None  # None: keep the vet (another vet must be of the same clinic)


async def _vet_and_problem(uow: UnitOfWork, vet_id: str, kind: str, starts_at: datetime,
                           duration: int) -> tuple[Vet | None, Failure | None]:
    vets = await clinics_repo.vets_by_ids(uow, [vet_id]) if is_uuid(vet_id) else []
    if not vets:
        return None, Failure(Code.NOT_FOUND, "vet not found", field="vetId")
    clinics = await clinics_repo.clinics_by_ids(uow, [str(vets[0].clinic_id)])
    rows = await clinics_repo.shifts_of_vets(uow, [vet_id])
    shifts = [Shift(str(r.vet_id), r.weekday, r.starts, r.ends, tuple(r.kinds)) for r in rows]
    problem = check_booking(shifts, clinics[0].services, kind, starts_at, duration,
                            datetime.now(UTC))
    if problem is not None:
        return vets[0], Failure(Code.BAD_USER_INPUT, problem.message, field=problem.field)
    return vets[0], None


async def _pet_owner(uow: UnitOfWork, pet_id: str, patients) -> str | None:
    """The pet's owner from the patient list; an unknown pet after catching up ``patients``."""
    if not is_uuid(pet_id):
        return None
    owner_id = await patients_repo.pet_owner(uow, pet_id)
    if owner_id is None and patients is not None:
        # the registration may be in this process's stream batch right now, or pending on
        # another instance's consumer: re-read after each catch-up, for about a second
        for attempt in range(CATCH_UP_ATTEMPTS):
            await patients.catch_up()
            owner_id = await patients_repo.pet_owner(uow, pet_id)
            if owner_id is not None or attempt == CATCH_UP_ATTEMPTS - 1:
                break
            await asyncio.sleep(CATCH_UP_PAUSE)
    return owner_id


async def book(uow: UnitOfWork, actor: Principal, request: BookRequest,
               effects: Effects | None = None, patients=None
               ) -> tuple[Appointment | None, Failure | None]:
    """``patients``: the ``patient_sync.PatientSync`` to catch up when the pet is unknown
    (registered in profiles a moment ago)."""
    owner_id = await _pet_owner(uow, request.pet_id, patients)
    if owner_id is None or not may_book(actor, request.pet_id, owner_id):
        return None, Failure(Code.NOT_FOUND, "pet not found", field="petId")
    if not request.reason.strip() or len(request.reason) > MAX_REASON:
        return None, Failure(Code.BAD_USER_INPUT, f"1..{MAX_REASON} characters", field="reason")
    vet, failure = await _vet_and_problem(uow, request.vet_id, request.kind, request.starts_at,
                                          request.duration_minutes)
    if failure:
        return None, failure
    assert vet is not None  # no failure: _vet_and_problem found the vet
    starts_at = request.starts_at.astimezone(UTC)
    appointment = Appointment(
        id=uuid.uuid4(), pet_id=uuid.UUID(request.pet_id), owner_id=uuid.UUID(owner_id),
        clinic_id=vet.clinic_id, vet_id=vet.id, kind=request.kind,
        status=Status.REQUESTED.value, starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=request.duration_minutes),
        reason=request.reason.strip())
    history = repo.status_change(appointment, Status.REQUESTED.value, actor.user_id)
    history.from_status = None
    refused = await repo.write_unless_double_booked(uow, lambda: [appointment, history])
    if refused:
        return None, _refused(refused)
    if effects is not None:
        clinic_id = str(vet.clinic_id)
        effects.after_commit(uow, Change(
            "AppointmentBooked", str(appointment.id), clinic_id, Status.REQUESTED.value,
            [str(vet.id)], freed_or_taken=days_touched(clinic_id, appointment.starts_at,
                                                       appointment.ends_at),
            new_patient=(clinic_id, request.pet_id)))
    return appointment, None


def _booking(appointment: Appointment, vet: Vet) -> Booking:
    return Booking(owner_id=str(appointment.owner_id), clinic_id=str(appointment.clinic_id),
                   vet_account_id=str(vet.account_id) if vet.account_id else None,
                   kind=appointment.kind, status=Status(appointment.status),
                   pet_id=str(appointment.pet_id))


async def reschedule(uow: UnitOfWork, actor: Principal, request: RescheduleRequest,
                     effects: Effects | None = None
                     ) -> tuple[Appointment | None, Failure | None]:
    found = await visible_for_update(uow, actor, request.appointment_id)
    if found is None:
        return None, Failure(Code.NOT_FOUND, "appointment not found", field="appointmentId")
    appointment, old_vet = found
    booking = _booking(appointment, old_vet)
    if not may_reschedule(actor, booking):
        return None, Failure(Code.FORBIDDEN, "you may not reschedule this appointment")
    if booking.status not in RESCHEDULABLE:
        return None, Failure(Code.INVALID_TRANSITION,
                             f"a {booking.status} appointment cannot be rescheduled",
                             field="status")
    duration = request.duration_minutes or int(
        (appointment.ends_at - appointment.starts_at).total_seconds() // 60)
    vet, failure = await _vet_and_problem(uow, request.vet_id or str(old_vet.id),
                                          appointment.kind, request.starts_at, duration)
    if failure:
        return None, failure
    assert vet is not None  # no failure: _vet_and_problem found the vet
    if vet.clinic_id != appointment.clinic_id:
        return None, Failure(Code.BAD_USER_INPUT, "the vet works at another clinic", field="vetId")
    return await _move(uow, actor, appointment, booking, vet, old_vet,
                       request.starts_at.astimezone(UTC), duration, effects)


async def _move(uow: UnitOfWork, actor: Principal, appointment: Appointment, booking: Booking,
                vet: Vet, old_vet: Vet, starts_at: datetime, duration: int,
                effects: Effects | None) -> tuple[Appointment | None, Failure | None]:
    to = status_after_reschedule(actor, booking)
    clinic_id = str(appointment.clinic_id)
    old_days = days_touched(clinic_id, appointment.starts_at, appointment.ends_at)

    def apply() -> list[object]:
        history = repo.status_change(appointment, to.value, actor.user_id,
                                     rescheduled_to=starts_at)
        if appointment.vet_id != vet.id:
            appointment.__dict__.pop("_vet", None)  # the vet joined in by the read
        appointment.vet_id, appointment.status = vet.id, to.value
        appointment.starts_at = starts_at
        appointment.ends_at = starts_at + timedelta(minutes=duration)
        return [appointment, history]

    refused = await repo.write_unless_double_booked(uow, apply)
    if refused:
        return None, _refused(refused)
    if effects is not None:
        effects.after_commit(uow, Change(
            "AppointmentRescheduled", str(appointment.id), clinic_id, to.value,
            [str(vet.id), str(old_vet.id)],
            freed_or_taken=old_days | days_touched(clinic_id, appointment.starts_at,
                                                   appointment.ends_at)))
    return appointment, None
