"""Devices (collars): visible reads, the device a sample comes from, the collar someone may
manage. Never commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import col, select

from auth.principal import Principal
from auth.visibility import CLINICAL, sql_pet_rule
from subgraphs.chronic_care.models import Device
from subgraphs.shared.context import UnitOfWork


def devices_visible_to(principal: Principal):
    """Deny by default: owners see their own pets' collars, whoever a pet is shared with
    sees its collars, vets and partner clinics their clinic's patients' (``auth.access``),
    admins everything."""
    return sql_pet_rule(Device, principal, care=CLINICAL)


def devices_managed_by(principal: Principal):
    """Collars ``principal`` may manage (set the pet's fence): own or shared pet, or admin;
    staff's clinical read access does not count."""
    return sql_pet_rule(Device, principal)


async def devices_by_ids(uow: UnitOfWork, principal: Principal,
                         ids: Sequence[str]) -> list[Device]:
    query = select(Device).where(col(Device.id).in_(ids), devices_visible_to(principal))
    return list((await uow.exec(query)).all())


async def devices_by_pet_ids(uow: UnitOfWork, principal: Principal,
                             pet_ids: Sequence[str]) -> list[Device]:
    query = (select(Device)
             .where(col(Device.pet_id).in_(pet_ids), devices_visible_to(principal))
             .order_by(col(Device.bound_at).desc()))
    return list((await uow.exec(query)).all())


async def visible_devices_of_pet(uow: UnitOfWork, principal: Principal, pet_id: str) -> int:
    query = (select(func.count()).select_from(Device)
             .where(Device.pet_id == pet_id, devices_visible_to(principal)))
    return int((await uow.exec(query)).one())


async def managed_device_of_pet(uow: UnitOfWork, principal: Principal,
                                pet_id: str) -> Device | None:
    """The most recently bound collar of the pet that ``principal`` may manage."""
    query = (select(Device).where(Device.pet_id == pet_id, devices_managed_by(principal))
             .order_by(col(Device.bound_at).desc()).limit(1))
    return (await uow.exec(query)).first()


async def device_for_ingest(uow: UnitOfWork, device_id: str) -> Device | None:
    """The device a sample comes from (ingestion is trusted; callers check who may ingest)."""
    return (await uow.exec(select(Device).where(Device.id == device_id))).first()
