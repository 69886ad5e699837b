"""Accounts store (PostgreSQL schema ``accounts``): who can sign in, with which roles."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, String, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field, SQLModel

SCHEMA = "accounts"
metadata = SQLModel.metadata


def _now() -> datetime:
    return datetime.now(UTC)


class Account(SQLModel, table=True):
    __tablename__ = "account"
    __table_args__ = {"schema": SCHEMA}

    id: uuid.UUID = Field(primary_key=True)
    email: str = Field(sa_column=Column(String(320), unique=True, nullable=False))
    display_name: str
    roles: list[str] = Field(sa_column=Column(ARRAY(String(32)), nullable=False))
    # For vets and clinic admins: the clinic they work for (an appointments-owned id).
    clinic_id: uuid.UUID | None = None
    created_at: datetime = Field(default_factory=_now,
                                 sa_column=Column(DateTime(timezone=True), nullable=False,
                                                  server_default=func.now()))
