"""chronic_care tables (PostgreSQL schema ``chronic_care``).

Telemetry is stored compactly: one narrow row per pet per minute (the ingestion side
downsamples to minute resolution), no surrogate key, primary key ``(pet_id, ts)`` so window
aggregates for a pet are an index range scan. ``owner_id`` is denormalised onto every table so
visibility is a plain predicate in each query (no SQL crosses into profiles).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import REAL, Column, DateTime, Index, SmallInteger
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
    """A health alert raised from a wearable sample (fever, tachycardia; escape later)."""

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
