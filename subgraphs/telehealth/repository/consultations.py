"""telehealth consultation statements."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from auth.principal import Principal
from auth.visibility import CLINICAL, sql_pet_rule
from subgraphs.shared.context import UnitOfWork
from subgraphs.telehealth.models import Consultation


def consultations_visible_to(principal: Principal):
    """Deny by default: owners see their pets' consultations, staff their clinic's patients'
    (``auth.access``), admins everything."""
    return sql_pet_rule(Consultation, principal, care=CLINICAL)


async def consultations_by_ids(uow: UnitOfWork, principal: Principal,
                               ids: Sequence[str]) -> list[Consultation]:
    query = select(Consultation).where(col(Consultation.id).in_(ids),
                                       consultations_visible_to(principal))
    return list((await uow.exec(query)).all())


async def newest_consultations_by_pet_ids(uow: UnitOfWork, principal: Principal,
                                          pet_ids: Sequence[str], last: int) -> list[Consultation]:
    """Up to ``last`` visible consultations per pet, newest first, in one statement."""
    rank = (func.row_number()
            .over(partition_by=col(Consultation.pet_id),
                  order_by=(col(Consultation.scheduled_at).desc(), col(Consultation.id)))
            .label("rank"))
    ranked = (select(Consultation, rank)
              .where(col(Consultation.pet_id).in_(pet_ids), consultations_visible_to(principal))
              .subquery())
    row = aliased(Consultation, ranked)
    query = (select(row).where(ranked.c.rank <= last)
             .order_by(ranked.c.pet_id, ranked.c.rank))
    return list((await uow.exec(query)).all())


async def consultation_for_update(uow: UnitOfWork, principal: Principal,
                                  consultation_id: str) -> Consultation | None:
    """The visible consultation, row-locked for the rest of the transaction."""
    query = (select(Consultation)
             .where(Consultation.id == consultation_id, consultations_visible_to(principal))
             .with_for_update())
    return (await uow.exec(query)).first()


async def set_consultation_status(uow: UnitOfWork, consultation: Consultation,
                                  status: str) -> None:
    """Write ``status`` on a loaded consultation (flushed; the request boundary commits)."""
    consultation.status = status
    uow.session.add(consultation)
    await uow.flush()
