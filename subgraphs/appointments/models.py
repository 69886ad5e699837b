"""appointments tables (PostgreSQL schema ``appointments``)."""

from __future__ import annotations

import uuid
from datetime import datetime, time

from sqlalchemy import CheckConstraint, Column, DateTime, Index, String, Time, column, func, text
from sqlalchemy.dialects.postgresql import ARRAY, ExcludeConstraint
from sqlmodel import Field, SQLModel

SCHEMA = "appointments"
metadata = SQLModel.metadata


class Clinic(SQLModel, table=True):
    __tablename__ = "clinic"
    __table_args__ = {"schema": SCHEMA}

    id: uuid.UUID = Field(primary_key=True)
    name: str
    address: str
    city: str = Field(index=True)
    latitude: float
    longitude: float
    geohash: str = Field(index=True, max_length=12)
    phone: str
    services: list[str] = Field(sa_column=Column(ARRAY(String(64)), nullable=False))


class Vet(SQLModel, table=True):
    __tablename__ = "vet"
    __table_args__ = {"schema": SCHEMA}

    id: uuid.UUID = Field(primary_key=True)
    clinic_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.clinic.id", index=True)
    name: str
    specialities: list[str] = Field(sa_column=Column(ARRAY(String(64)), nullable=False))
    account_id: uuid.UUID | None = Field(default=None, index=True)


class VetShift(SQLModel, table=True):
    """A vet's weekly working hours: on ``weekday`` (0 = Monday) from ``starts`` to ``ends``
    (UTC wall-clock times, like every time in this subgraph), for the visit ``kinds`` listed."""

    __tablename__ = "vet_shift"
    __table_args__ = (CheckConstraint("weekday BETWEEN 0 AND 6", name="vet_shift_weekday"),
                      CheckConstraint("starts < ends", name="vet_shift_order"),
                      {"schema": SCHEMA})

    id: uuid.UUID = Field(primary_key=True)
    vet_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.vet.id", index=True)
    weekday: int
    starts: time = Field(sa_column=Column(Time(), nullable=False))
    ends: time = Field(sa_column=Column(Time(), nullable=False))
    kinds: list[str] = Field(sa_column=Column(ARRAY(String(16)), nullable=False))


class Patient(SQLModel, table=True):
    """Who owns a pet, as appointments needs it to let owners book (pets live in profiles).

    Written by the seed from the demo world, and kept from profiles' durable ``pets`` stream
    (``PetRegistered``) by ``patient_sync``."""

    __tablename__ = "patient"
    __table_args__ = {"schema": SCHEMA}

    pet_id: uuid.UUID = Field(primary_key=True)
    owner_id: uuid.UUID = Field(index=True)


# No double booking, ever: a vet's slot-holding appointments may not overlap in time, and
# neither may a pet's (the same pet booked with two vets of one or two clinics at once).
SLOT_HOLDING = text("status IN ('requested', 'confirmed', 'en_route', 'checked_in', "
                    "'in_progress', 'completed')")
NO_DOUBLE_BOOKING = ExcludeConstraint(
    (column("vet_id"), "="), (func.tstzrange(column("starts_at"), column("ends_at"), "[)"), "&&"),
    name="appointment_no_double_booking", using="gist", where=SLOT_HOLDING)
PET_NO_DOUBLE_BOOKING = ExcludeConstraint(
    (column("pet_id"), "="), (func.tstzrange(column("starts_at"), column("ends_at"), "[)"), "&&"),
    name="appointment_pet_no_double_booking", using="gist", where=SLOT_HOLDING)


class Appointment(SQLModel, table=True):
    __tablename__ = "appointment"
    __table_args__ = (Index("ix_appointment_pet_starts", "pet_id", "starts_at"),
                      NO_DOUBLE_BOOKING, PET_NO_DOUBLE_BOOKING, {"schema": SCHEMA})

    id: uuid.UUID = Field(primary_key=True)
    pet_id: uuid.UUID
    owner_id: uuid.UUID = Field(index=True)
    clinic_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.clinic.id", index=True)
    vet_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.vet.id", index=True)
    kind: str = Field(max_length=16)
    status: str = Field(max_length=16)
    starts_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    ends_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    reason: str
    # Minutes until the vet arrives, while a home visit is en route.
    eta_minutes: int | None = None


class AppointmentStatusChange(SQLModel, table=True):
    """Append-only status history of an appointment."""

    __tablename__ = "appointment_status_change"
    __table_args__ = {"schema": SCHEMA}

    id: uuid.UUID = Field(primary_key=True)
    appointment_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.appointment.id", index=True)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str = Field(max_length=16)
    changed_by: uuid.UUID | None = None
    eta_minutes: int | None = None
    # The new start time when the change was a reschedule (status may stay the same).
    rescheduled_to: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    changed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False,
                                                  server_default=func.now()))
