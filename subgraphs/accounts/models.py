"""accounts tables (PostgreSQL schema ``accounts``): who can sign in, with which roles.

- ``account``: one row per person or API client; ``password_hash`` is Argon2id (NULL for
  accounts that only sign in through an external OIDC issuer).
- ``refresh_token``: rotating refresh tokens. Only a SHA-256 of the token is stored. Every
  login starts a *family*; each refresh marks the presented token used and issues the next
  one in the same family. Presenting a used (or revoked) token again is reuse: the whole
  family is revoked.
- ``audit_entry``: append-only log of admin actions (who, what, on which object, when).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Index, String, func
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlmodel import Field, SQLModel

SCHEMA = "accounts"
metadata = SQLModel.metadata


def _now() -> datetime:
    return datetime.now(UTC)


def _ts(nullable: bool = False, default_now: bool = False) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable,
                  server_default=func.now() if default_now else None)


class Account(SQLModel, table=True):
    __tablename__ = "account"
    __table_args__ = {"schema": SCHEMA}

    id: uuid.UUID = Field(primary_key=True)
    email: str = Field(sa_column=Column(String(320), unique=True, nullable=False))
    display_name: str
    roles: list[str] = Field(sa_column=Column(ARRAY(String(32)), nullable=False))
    # For vets and clinic admins: the clinic they work for (an appointments-owned id).
    clinic_id: uuid.UUID | None = None
    password_hash: str | None = Field(default=None, sa_column=Column(String(256), nullable=True))
    created_at: datetime = Field(default_factory=_now, sa_column=_ts(default_now=True))


class RefreshToken(SQLModel, table=True):
    __tablename__ = "refresh_token"
    __table_args__ = (Index("ix_refresh_token_family", "family_id"),
                      Index("ix_refresh_token_account", "account_id"),
                      {"schema": SCHEMA})

    id: uuid.UUID = Field(primary_key=True)
    family_id: uuid.UUID
    account_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.account.id")
    token_hash: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    created_at: datetime = Field(default_factory=_now, sa_column=_ts(default_now=True))
    expires_at: datetime = Field(sa_column=_ts())
    used_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    revoked_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_actor_at", "actor_id", "at"), {"schema": SCHEMA})

    id: uuid.UUID = Field(primary_key=True)
    at: datetime = Field(default_factory=_now, sa_column=_ts(default_now=True))
    actor_id: uuid.UUID
    action: str = Field(max_length=64)
    subject: str = Field(max_length=128)
    detail: dict = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
