"""All telehealth queries. Reads take the principal and filter in the query; never commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from auth.principal import Principal
from auth.visibility import CLINICAL, sql_pet_rule
from subgraphs.shared.context import UnitOfWork
from subgraphs.telehealth.models import Consultation, ConsultationMessage


def consultation_visibility(principal: Principal):
    """Deny by default: owners see their pets' consultations, staff their clinic's patients'
    (``auth.access``), admins everything."""
    return sql_pet_rule(Consultation, principal, care=CLINICAL)


async def consultations_by_ids(uow: UnitOfWork, principal: Principal,
                               ids: Sequence[str]) -> list[Consultation]:
    query = select(Consultation).where(col(Consultation.id).in_(ids),
                                       consultation_visibility(principal))
    return list((await uow.exec(query)).all())


async def newest_consultations_by_pet_ids(uow: UnitOfWork, principal: Principal,
                                          pet_ids: Sequence[str], last: int) -> list[Consultation]:
    """Up to ``last`` visible consultations per pet, newest first, in one statement."""
    rank = (func.row_number()
            .over(partition_by=Consultation.pet_id,
                  order_by=(col(Consultation.scheduled_at).desc(), col(Consultation.id)))
            .label("rank"))
    ranked = (select(Consultation, rank)
              .where(col(Consultation.pet_id).in_(pet_ids), consultation_visibility(principal))
              .subquery())
    row = aliased(Consultation, ranked)
    query = (select(row).where(ranked.c.rank <= last)
             .order_by(ranked.c.pet_id, ranked.c.rank))
    return list((await uow.exec(query)).all())


async def consultation_for_update(uow: UnitOfWork, principal: Principal,
                                  consultation_id: str) -> Consultation | None:
    """The visible consultation, row-locked for the rest of the transaction."""
    query = (select(Consultation)
             .where(Consultation.id == consultation_id, consultation_visibility(principal))
             .with_for_update())
    return (await uow.exec(query)).first()


async def add_message(uow: UnitOfWork, message: ConsultationMessage) -> None:
    uow.session.add(message)
    await uow.flush()


async def messages_by_ids(uow: UnitOfWork, principal: Principal,
                          ids: Sequence[str]) -> list[ConsultationMessage]:
    query = select(ConsultationMessage).where(
        col(ConsultationMessage.id).in_(ids),
        sql_pet_rule(ConsultationMessage, principal, care=CLINICAL))
    return list((await uow.exec(query)).all())


async def messages_by_consultation_ids(uow: UnitOfWork,
                                       ids: Sequence[str]) -> list[ConsultationMessage]:
    """Messages of consultations the caller already resolved (visibility checked there)."""
    query = (select(ConsultationMessage)
             .where(col(ConsultationMessage.consultation_id).in_(ids))
             .order_by(ConsultationMessage.consultation_id, ConsultationMessage.sent_at))
    return list((await uow.exec(query)).all())
