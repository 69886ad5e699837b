"""appointments queries of the patient list (``Patient``: pet -> owner), which booking checks
and ``patient_sync`` keeps from profiles' ``pets`` stream."""

from __future__ import annotations

import uuid

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col, select

from subgraphs.appointments.models import Patient
from subgraphs.shared.context import UnitOfWork


async def pet_owner(uow: UnitOfWork, pet_id: str) -> str | None:
    row = (await uow.exec(select(Patient).where(Patient.pet_id == pet_id))).first()
    return str(row.owner_id) if row else None


async def upsert_patients(connection: AsyncConnection,
                          rows: list[dict[str, uuid.UUID]]) -> None:
    """Insert or re-point each ``{pet_id, owner_id}`` (idempotent) on ``connection``, inside
    the caller's transaction."""
    statement = insert(Patient).values(rows)
    statement = statement.on_conflict_do_update(
        index_elements=[col(Patient.pet_id)], set_={"owner_id": statement.excluded.owner_id})
    await connection.execute(statement)
