"""chronic_care tables (PostgreSQL schema ``chronic_care``).

Telemetry is stored compactly: one narrow row per pet per minute (the ingestion side
downsamples to minute resolution), no surrogate key, primary key ``(pet_id, ts)`` so window
aggregates for a pet are an index range scan. ``owner_id`` is denormalised onto every table so
visibility is a plain predicate in each query (no SQL crosses into profiles). GPS (``lat``/``lon``)
is kept when the collar sent a fix. A pet's ``Geofence`` (home point + radius) carries whether
the pet is currently outside, so an escape raises one alert per excursion. ``ActivityState``
remembers, per pet, since when its collar has reported no activity, so an INACTIVITY alert is
raised once per still stretch (``subgraphs.chronic_care.service.inactivity``).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import REAL, Boolean, Column, DateTime, Double, Index, Integer, SmallInteger, text
from sqlmodel import Field, SQLModel

SCHEMA = "chronic_care"
metadata = SQLModel.metadata


class Device(SQLModel, table=True):
    __tablename__ = "device"
    __table_args__ = {"schema": SCHEMA}

    id: uuid.UUID = Field(primary_key=True)
    pet_id: uuid.UUID = Field(index=True)
    owner_id: uuid.UUID = Field(index=True)
    serial: str = Field(max_length=32, unique=True)
    model: str = Field(max_length=64)
    bound_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class Telemetry(SQLModel, table=True):
    __tablename__ = "telemetry"
    __table_args__ = {"schema": SCHEMA}

    pet_id: uuid.UUID = Field(primary_key=True)
    ts: datetime = Field(sa_column=Column(DateTime(timezone=True), primary_key=True))
    device_id: uuid.UUID
    owner_id: uuid.UUID
    heart_rate: int = Field(sa_column=Column(SmallInteger, nullable=False))
    temperature_c: float = Field(sa_column=Column(REAL, nullable=False))
    steps: int = Field(sa_column=Column(SmallInteger, nullable=False))
    activity: float = Field(sa_column=Column(REAL, nullable=False))
    lat: float | None = Field(default=None, sa_column=Column(Double, nullable=True))
    lon: float | None = Field(default=None, sa_column=Column(Double, nullable=True))


class Geofence(SQLModel, table=True):
    """The owner's safe zone for a pet: within ``radius_m`` metres of (``lat``, ``lon``)."""

    __tablename__ = "geofence"
    __table_args__ = {"schema": SCHEMA}

    pet_id: uuid.UUID = Field(primary_key=True)
    owner_id: uuid.UUID = Field(index=True)
    lat: float = Field(sa_column=Column(Double, nullable=False))
    lon: float = Field(sa_column=Column(Double, nullable=False))
    radius_m: int = Field(sa_column=Column(Integer, nullable=False))
    # True from the first GPS fix outside the fence until the first one back inside.
    outside: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class ActivityState(SQLModel, table=True):
    """A pet's current still stretch: the collar has reported no activity since
    ``still_since``. ``due_at`` is when the stretch reaches the inactivity threshold (NULL
    once alerted, or while the collar is silent); the sweep reads the partial index on it."""

    __tablename__ = "activity_state"
    __table_args__ = (Index("ix_activity_state_due", "due_at",
                            postgresql_where=text("due_at IS NOT NULL")), {"schema": SCHEMA})

    pet_id: uuid.UUID = Field(primary_key=True)
    owner_id: uuid.UUID = Field(index=True)
    device_id: uuid.UUID
    last_sample_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    still_since: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    due_at: datetime | None = Field(default=None,
                                    sa_column=Column(DateTime(timezone=True), nullable=True))
    alerted: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))


class CarePlan(SQLModel, table=True):
    __tablename__ = "care_plan"
    __table_args__ = (Index("ix_care_plan_pet_started", "pet_id", "started_on"),
                      {"schema": SCHEMA})

    id: uuid.UUID = Field(primary_key=True)
    pet_id: uuid.UUID
    owner_id: uuid.UUID = Field(index=True)
    condition: str = Field(max_length=64)
    title: str
    status: str = Field(max_length=16)
    started_on: date


class Alert(SQLModel, table=True):
    """An alert raised from wearable samples (fever, tachycardia, escape, inactivity)."""

    __tablename__ = "alert"
    __table_args__ = (Index("ix_alert_pet_raised", "pet_id", "raised_at"), {"schema": SCHEMA})

    id: uuid.UUID = Field(primary_key=True)
    pet_id: uuid.UUID
    owner_id: uuid.UUID = Field(index=True)
    device_id: uuid.UUID
    kind: str = Field(max_length=16)
    value: float = Field(sa_column=Column(REAL, nullable=False))
    message: str
    raised_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
