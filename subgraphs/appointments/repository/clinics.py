"""appointments queries of the care directory: clinics, vets and their weekly shifts.

The directory is public (the ``clinics``/``clinic`` queries need no account), so these reads
take no principal.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from subgraphs.appointments.models import Clinic, Vet, VetShift
from subgraphs.shared.context import UnitOfWork


async def clinics_by_ids(uow: UnitOfWork, ids: Sequence[str]) -> list[Clinic]:
    return list((await uow.exec(select(Clinic).where(col(Clinic.id).in_(ids)))).all())


async def list_clinics(uow: UnitOfWork, city: str | None, first: int) -> list[Clinic]:
    query = select(Clinic).order_by(Clinic.name).limit(first)
    if city:
        query = query.where(Clinic.city == city)
    return list((await uow.exec(query)).all())


async def vets_by_ids(uow: UnitOfWork, ids: Sequence[str]) -> list[Vet]:
    return list((await uow.exec(select(Vet).where(col(Vet.id).in_(ids)))).all())


async def vets_by_clinic_ids(uow: UnitOfWork, ids: Sequence[str]) -> list[Vet]:
    query = select(Vet).where(col(Vet.clinic_id).in_(ids)).order_by(Vet.name)
    return list((await uow.exec(query)).all())


async def shifts_of_vets(uow: UnitOfWork, vet_ids: Sequence[str]) -> list[VetShift]:
    query = select(VetShift).where(col(VetShift.vet_id).in_(vet_ids))
    return list((await uow.exec(query)).all())
