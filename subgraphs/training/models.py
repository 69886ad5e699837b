"""training tables (PostgreSQL schema ``training``)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

SCHEMA = "training"
metadata = SQLModel.metadata


class TrainingPlan(SQLModel, table=True):
    __tablename__ = "training_plan"
    __table_args__ = (
        Index("ix_training_plan_pet_started", "pet_id", "started_on"),
        CheckConstraint("sessions_per_week > 0", name="ck_training_plan_sessions_per_week"),
        CheckConstraint("target_sessions > 0", name="ck_training_plan_target_sessions"),
        CheckConstraint("completed_sessions >= 0", name="ck_training_plan_completed_sessions"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = Field(primary_key=True)
    pet_id: uuid.UUID
    owner_id: uuid.UUID = Field(index=True)
    kind: str = Field(max_length=16)
    title: str
    status: str = Field(max_length=16)
    started_on: date
    sessions_per_week: int
    completed_sessions: int
    target_sessions: int
