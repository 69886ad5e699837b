"""Care plans: visible reads. Never commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from auth.principal import Principal
from auth.visibility import CLINICAL, sql_pet_rule
from subgraphs.chronic_care.models import CarePlan
from subgraphs.shared.context import UnitOfWork


def care_plans_visible_to(principal: Principal):
    """As for devices: owners, shared-with accounts, their clinic's vets/partners, admins."""
    return sql_pet_rule(CarePlan, principal, care=CLINICAL)


async def care_plans_by_ids(uow: UnitOfWork, principal: Principal,
                            ids: Sequence[str]) -> list[CarePlan]:
    query = select(CarePlan).where(col(CarePlan.id).in_(ids), care_plans_visible_to(principal))
    return list((await uow.exec(query)).all())


async def care_plans_by_pet_ids(uow: UnitOfWork, principal: Principal,
                                pet_ids: Sequence[str]) -> list[CarePlan]:
    query = (select(CarePlan)
             .where(col(CarePlan.pet_id).in_(pet_ids), care_plans_visible_to(principal))
             .order_by(col(CarePlan.started_on).desc(), col(CarePlan.id)))
    return list((await uow.exec(query)).all())
