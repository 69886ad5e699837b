"""appointments queries of visits and their status history. Reads take the principal and
filter in the query (``visible_appointments``); never commits.

Which statuses count (open, slot-holding) is the lifecycle's rule (``service.lifecycle``):
the callers pass them in.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Collection, Sequence
from datetime import datetime

from sqlalchemy import and_, case, false, func, or_, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from auth.principal import Principal, Role
from subgraphs.appointments.models import Appointment, AppointmentStatusChange, Clinic, Vet
from subgraphs.shared.context import UnitOfWork


def visible_appointments(principal: Principal):
    """Deny by default: owners see their pets' appointments, clinic staff their clinic's,
    co-owners and sitters those of the pets shared with them (``auth.grants``)."""
    if principal.is_admin:
        return true()
    granted = (col(Appointment.pet_id).in_(sorted(principal.granted_pet_ids))
               if principal.granted_pet_ids else false())
    if principal.has_role(Role.OWNER) and principal.user_id:
        return or_(col(Appointment.owner_id) == principal.user_id, granted)
    staff = {Role.VET, Role.CLINIC_ADMIN, Role.PARTNER}
    if principal.clinic_id and any(principal.has_role(r) for r in staff):
        return or_(col(Appointment.clinic_id) == principal.clinic_id, granted)
    return granted


def _with_place():
    """Appointments joined with their clinic and vet: one statement, rows of (a, clinic, vet)."""
    return (select(Appointment, Clinic, Vet)
            .join(Clinic, Clinic.id == Appointment.clinic_id)
            .join(Vet, Vet.id == Appointment.vet_id))


def _placed(rows) -> list[Appointment]:
    out = []
    for appointment, clinic, vet in rows:
        appointment.__dict__["_clinic"], appointment.__dict__["_vet"] = clinic, vet
        out.append(appointment)
    return out


async def appointments_by_ids(uow: UnitOfWork, principal: Principal,
                              ids: Sequence[str]) -> list[Appointment]:
    query = _with_place().where(col(Appointment.id).in_(ids), visible_appointments(principal))
    return _placed((await uow.exec(query)).all())


async def visits_around(uow: UnitOfWork, principal: Principal, pet_ids: Sequence[str],
                        past: int, now: datetime, open_statuses: Collection[str]
                        ) -> list[Appointment]:
    """Per pet, in one statement: its ``past`` newest visible appointments that have started
    by ``now`` (newest first) and its earliest upcoming one in ``open_statuses``, each with
    clinic and vet.
    Only those rows come back and get clinic and vet joined, however long a pet's history
    is (PostgreSQL still ranks every visible appointment of the pets)."""
    started = col(Appointment.starts_at) <= now
    rank = (func.row_number()
            .over(partition_by=(col(Appointment.pet_id), started),
                  order_by=(case((started, Appointment.starts_at)).desc().nulls_last(),
                            col(Appointment.starts_at), col(Appointment.id)))
            .label("rank"))
    ranked = (select(Appointment, started.label("started"), rank)
              .where(col(Appointment.pet_id).in_(pet_ids), visible_appointments(principal),
                     or_(started, col(Appointment.status).in_(sorted(open_statuses))))
              .subquery())
    row = aliased(Appointment, ranked)
    query = (select(row, Clinic, Vet)
             .join(Clinic, col(Clinic.id) == row.clinic_id).join(Vet, col(Vet.id) == row.vet_id)
             .where(or_(and_(ranked.c.started, ranked.c.rank <= past),
                        and_(~ranked.c.started, ranked.c.rank == 1)))
             .order_by(ranked.c.pet_id, ranked.c.started.desc(), ranked.c.rank))
    return _placed((await uow.exec(query)).all())


async def appointments_of_owner(uow: UnitOfWork, principal: Principal, owner_id: str,
                                first: int) -> list[Appointment]:
    query = (_with_place()
             .where(Appointment.owner_id == owner_id, visible_appointments(principal))
             .order_by(col(Appointment.starts_at).desc()).limit(first))
    return _placed((await uow.exec(query)).all())


async def appointment_for_update(uow: UnitOfWork, appointment_id: str):
    """(appointment, vet) with the appointment row locked for the rest of the transaction."""
    query = (select(Appointment, Vet).join(Vet, col(Vet.id) == Appointment.vet_id)
             .where(Appointment.id == appointment_id).with_for_update(of=Appointment))
    return (await uow.exec(query)).first()


async def record_status(uow: UnitOfWork, appointment: Appointment, to: str,
                        actor_id: str | None, eta_minutes: int | None) -> None:
    """Change the status and append the history row (flushed, not committed)."""
    change = status_change(appointment, to, actor_id, eta_minutes=eta_minutes)
    appointment.status, appointment.eta_minutes = to, eta_minutes
    uow.session.add(appointment)
    uow.session.add(change)
    await uow.flush()


async def status_history(uow: UnitOfWork, appointment_ids: Sequence[str]):
    query = (select(AppointmentStatusChange)
             .where(col(AppointmentStatusChange.appointment_id).in_(appointment_ids))
             .order_by(col(AppointmentStatusChange.changed_at)))
    return list((await uow.exec(query)).all())


async def vet_queue(uow: UnitOfWork, principal: Principal, vet_id: str, start, end
                    ) -> list[Appointment]:
    """The vet's visible appointments starting in ``[start, end)``, in time order."""
    query = (_with_place()
             .where(Appointment.vet_id == vet_id, col(Appointment.starts_at) >= start,
                    col(Appointment.starts_at) < end, visible_appointments(principal))
             .order_by(col(Appointment.starts_at)))
    return _placed((await uow.exec(query)).all())


# --- booking and availability ----------------------------------------------------------

EXCLUSION_VIOLATION = "23P01"


async def booked_of_clinic(uow: UnitOfWork, clinic_id: str, start, end,
                           holding: Sequence[str]) -> list[tuple[str, datetime, datetime]]:
    """(vet_id, starts_at, ends_at) of the clinic's vets' appointments in a slot-holding
    status (``holding``) that overlap ``[start, end)`` - at any clinic, since a vet is in one
    place at a time. Times only: who booked them is not read."""
    vets = select(Vet.id).where(Vet.clinic_id == clinic_id)
    query = (select(Appointment.vet_id, Appointment.starts_at, Appointment.ends_at)
             .where(col(Appointment.vet_id).in_(vets), col(Appointment.status).in_(holding),
                    col(Appointment.starts_at) < end, col(Appointment.ends_at) > start))
    return [(str(v), s, e) for v, s, e in (await uow.exec(query)).all()]


async def write_unless_double_booked(uow: UnitOfWork,
                                     apply: Callable[[], Sequence[object]]) -> str | None:
    """Run ``apply`` (changes rows, returns the rows to add) and flush, in a savepoint. Returns
    None when written, or the name of the no-double-booking exclusion constraint that refused
    it (nothing written; rows changed by ``apply`` are expired). Any other database error
    propagates."""
    nested = await uow.session.begin_nested()  # flushes what was pending before: not ours
    try:
        for row in apply():
            uow.session.add(row)
        await uow.flush()
    except IntegrityError as exc:
        await nested.rollback()
        if exc.orig is not None and getattr(exc.orig, "sqlstate", None) == EXCLUSION_VIOLATION:
            return _constraint_name(exc.orig)
        raise
    await nested.commit()
    return None


def _constraint_name(error: BaseException) -> str:
    """The violated constraint (asyncpg keeps it on the driver's exception, the DBAPI adapter's
    cause); the message names it too."""
    cause = getattr(error, "__cause__", None)
    name = getattr(cause, "constraint_name", None) or getattr(error, "constraint_name", None)
    if name:
        return name
    found = re.search(r'constraint "([^"]+)"', str(error))
    return found.group(1) if found else "appointment_no_double_booking"


def status_change(appointment: Appointment, to: str, actor_id: str | None, *,
                  eta_minutes: int | None = None, rescheduled_to=None):
    """The history row of ``appointment`` moving from its current status to ``to`` (not
    added: the caller writes it with the appointment)."""
    return AppointmentStatusChange(  # type: ignore[call-arg]  # changed_at: server default (sa_column)
        id=uuid.uuid4(), appointment_id=appointment.id, from_status=appointment.status,
        to_status=to, changed_by=uuid.UUID(actor_id) if actor_id is not None else None,
        eta_minutes=eta_minutes, rescheduled_to=rescheduled_to)
