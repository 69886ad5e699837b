"""Geofences: the owner's safe zone per pet (upsert, the excursion flag under a row lock,
the home longitude for local time) and visible reads. Never commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select

from auth.principal import Principal
from auth.visibility import sql_pet_rule
from subgraphs.chronic_care.models import Geofence
from subgraphs.shared.context import UnitOfWork


def geofences_visible_to(principal: Principal):
    """Fences (the owner's home point) only for those who may manage the pet - owners,
    shared-with accounts, admins - not clinic staff."""
    return sql_pet_rule(Geofence, principal)


async def geofences_by_pet_ids(uow: UnitOfWork, principal: Principal,
                               pet_ids: Sequence[str]) -> list[Geofence]:
    query = select(Geofence).where(col(Geofence.pet_id).in_(pet_ids),
                                   geofences_visible_to(principal))
    return list((await uow.exec(query)).all())


async def upsert_geofence(uow: UnitOfWork, fence: Geofence) -> Geofence:
    values = fence.model_dump()
    statement = insert(Geofence).values(**values).on_conflict_do_update(
        index_elements=["pet_id"], set_={k: v for k, v in values.items() if k != "pet_id"})
    await uow.exec(statement)
    return fence


async def geofence_for_update(uow: UnitOfWork, pet_id) -> Geofence | None:
    """The pet's fence, row-locked until the unit of work ends (ingestion is trusted)."""
    query = select(Geofence).where(Geofence.pet_id == pet_id).with_for_update()
    return (await uow.exec(query)).first()


async def set_geofence_outside(uow: UnitOfWork, pet_id, outside: bool) -> None:
    await uow.exec(update(Geofence).where(Geofence.pet_id == pet_id).values(outside=outside))


async def home_longitude(uow: UnitOfWork, pet_id) -> float | None:
    """The longitude of the pet's fence home point (its local time), None without a fence."""
    return (await uow.exec(select(Geofence.lon).where(Geofence.pet_id == pet_id))).first()
