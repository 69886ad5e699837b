"""appointments tables (PostgreSQL schema ``appointments``)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime, Index, String
from sqlalchemy.dialects.postgresql import ARRAY
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


class Appointment(SQLModel, table=True):
    __tablename__ = "appointment"
    __table_args__ = (Index("ix_appointment_pet_starts", "pet_id", "starts_at"),
                      {"schema": SCHEMA})

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
