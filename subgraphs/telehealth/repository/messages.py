"""telehealth chat message statements (``pet_id`` / ``owner_id`` are copied onto each message,
so its visibility is the consultation's rule read from its own columns)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from auth.principal import Principal
from auth.visibility import CLINICAL, sql_pet_rule
from subgraphs.shared.context import UnitOfWork
from subgraphs.telehealth.models import ConsultationMessage


def messages_visible_to(principal: Principal):
    """Deny by default: the messages of consultations ``principal`` may read (owners, staff
    caring for the pet, admins)."""
    return sql_pet_rule(ConsultationMessage, principal, care=CLINICAL)


async def add_message(uow: UnitOfWork, message: ConsultationMessage) -> None:
    uow.session.add(message)
    await uow.flush()


async def messages_by_ids(uow: UnitOfWork, principal: Principal,
                          ids: Sequence[str]) -> list[ConsultationMessage]:
    query = select(ConsultationMessage).where(col(ConsultationMessage.id).in_(ids),
                                              messages_visible_to(principal))
    return list((await uow.exec(query)).all())


async def messages_by_consultation_ids(uow: UnitOfWork,
                                       ids: Sequence[str]) -> list[ConsultationMessage]:
    """Messages of consultations the caller already resolved (visibility checked there)."""
    query = (select(ConsultationMessage)
             .where(col(ConsultationMessage.consultation_id).in_(ids))
             .order_by(col(ConsultationMessage.consultation_id), col(ConsultationMessage.sent_at)))
    return list((await uow.exec(query)).all())
