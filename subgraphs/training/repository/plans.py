"""training plan statements."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from auth.principal import Principal
from auth.visibility import CLINICAL, sql_pet_rule
from subgraphs.shared.context import UnitOfWork
from subgraphs.training.models import TrainingPlan


def training_plans_visible_to(principal: Principal):
    """Deny by default: owners see their own pets' plans, staff their clinic's patients'
    (``auth.access``: rehab plans), admins everything."""
    return sql_pet_rule(TrainingPlan, principal, care=CLINICAL)


async def training_plans_by_ids(uow: UnitOfWork, principal: Principal,
                                ids: Sequence[str]) -> list[TrainingPlan]:
    query = select(TrainingPlan).where(col(TrainingPlan.id).in_(ids),
                                       training_plans_visible_to(principal))
    return list((await uow.exec(query)).all())


async def training_plans_by_pet_ids(uow: UnitOfWork, principal: Principal,
                                    pet_ids: Sequence[str]) -> list[TrainingPlan]:
    query = (select(TrainingPlan)
             .where(col(TrainingPlan.pet_id).in_(pet_ids), training_plans_visible_to(principal))
             .order_by(col(TrainingPlan.started_on).desc(), col(TrainingPlan.id)))
    return list((await uow.exec(query)).all())
