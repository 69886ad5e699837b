"""payments tables (PostgreSQL schema ``payments``).

A payment is for exactly one appointment or one order (ids of other subgraphs' entities, no
foreign key across schemas); there may be several per target over time (a failed attempt,
then a successful one). Money is integer minor units plus an ISO 4217 ``currency``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, DateTime, Index
from sqlmodel import Field, SQLModel

SCHEMA = "payments"
metadata = SQLModel.metadata


class Payment(SQLModel, table=True):
    __tablename__ = "payment"
    __table_args__ = (
        CheckConstraint("(appointment_id IS NULL) <> (order_id IS NULL)",
                        name="ck_payment_one_target"),
        CheckConstraint("amount_cents >= 0", name="ck_payment_amount_nonnegative"),
        Index("ix_payment_appointment_created", "appointment_id", "created_at"),
        Index("ix_payment_order_created", "order_id", "created_at"),
        Index("ix_payment_owner_created", "owner_id", "created_at"),
        {"schema": SCHEMA},
    )

    id: uuid.UUID = Field(primary_key=True)
    owner_id: uuid.UUID
    appointment_id: uuid.UUID | None = None
    order_id: uuid.UUID | None = None
    amount_cents: int
    currency: str = Field(max_length=3)
    status: str = Field(max_length=16)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class InsurancePolicy(SQLModel, table=True):
    __tablename__ = "insurance_policy"
    __table_args__ = (Index("ix_insurance_policy_pet_status", "pet_id", "status"),
                      {"schema": SCHEMA})

    id: uuid.UUID = Field(primary_key=True)
    pet_id: uuid.UUID
    owner_id: uuid.UUID = Field(index=True)
    provider: str
    plan_name: str
    status: str = Field(max_length=16)
    monthly_premium_cents: int
    coverage_limit_cents: int
    currency: str = Field(max_length=3)
    renews_on: date
