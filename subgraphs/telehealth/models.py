"""telehealth tables (PostgreSQL schema ``telehealth``).

``vet_id`` and ``pet_id`` are ids of other subgraphs' entities (no foreign key across schemas);
``owner_id`` is copied from the pet at booking time so reads filter by owner in the query.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime, Index
from sqlmodel import Field, SQLModel

SCHEMA = "telehealth"
metadata = SQLModel.metadata


class Consultation(SQLModel, table=True):
    __tablename__ = "consultation"
    __table_args__ = (Index("ix_consultation_pet_scheduled", "pet_id", "scheduled_at"),
                      {"schema": SCHEMA})

    id: uuid.UUID = Field(primary_key=True)
    pet_id: uuid.UUID
    owner_id: uuid.UUID = Field(index=True)
    vet_id: uuid.UUID = Field(index=True)
    status: str = Field(max_length=16)
    scheduled_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    topic: str


class ConsultationMessage(SQLModel, table=True):
    """One chat message of a consultation; ``pet_id`` / ``owner_id`` copied for visibility."""

    __tablename__ = "consultation_message"
    __table_args__ = (Index("ix_consultation_message_consultation_sent", "consultation_id",
                            "sent_at"),
                      {"schema": SCHEMA})

    id: uuid.UUID = Field(primary_key=True)
    consultation_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.consultation.id")
    pet_id: uuid.UUID
    owner_id: uuid.UUID
    author_id: uuid.UUID
    body: str = Field(max_length=4000)
    sent_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
