"""All training queries. Reads take the principal and filter in the query; never commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import false, true
from sqlmodel import col, select

from auth.principal import Principal, Role
from subgraphs.shared.context import UnitOfWork
from subgraphs.training.models import TrainingPlan


def plan_visibility(principal: Principal):
    """Deny by default: owners see their own pets' plans, admins everything."""
    if principal.is_admin:
        return true()
    if principal.has_role(Role.OWNER) and principal.user_id:
        return TrainingPlan.owner_id == principal.user_id
    return false()


async def training_plans_by_ids(uow: UnitOfWork, principal: Principal,
                                ids: Sequence[str]) -> list[TrainingPlan]:
    query = select(TrainingPlan).where(col(TrainingPlan.id).in_(ids), plan_visibility(principal))
    return list((await uow.exec(query)).all())


async def training_plans_by_pet_ids(uow: UnitOfWork, principal: Principal,
                                    pet_ids: Sequence[str]) -> list[TrainingPlan]:
    query = (select(TrainingPlan)
             .where(col(TrainingPlan.pet_id).in_(pet_ids), plan_visibility(principal))
             .order_by(col(TrainingPlan.started_on).desc(), col(TrainingPlan.id)))
    return list((await uow.exec(query)).all())
