"""Consultation chat: checks, the write, the event after commit.

Whoever may read a consultation (its owner, staff caring for the pet, admins) may post in it
while it is SCHEDULED or IN_PROGRESS; the ``MessageAdded`` event carries the message id.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from auth.principal import Principal
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.events import Publisher, publish_after_commit
from subgraphs.shared.payloads import Failure
from subgraphs.telehealth import repository as repo
from subgraphs.telehealth.errors import ConsultationErrorCode
from subgraphs.telehealth.models import ConsultationMessage
from subgraphs.telehealth.service import events

MAX_BODY = 4000
OPEN = frozenset({"SCHEDULED", "IN_PROGRESS"})


async def send(uow: UnitOfWork, actor: Principal, consultation_id: str, body: str,
               publisher: Publisher | None = None
               ) -> tuple[ConsultationMessage | None, Failure | None]:
    """Post ``body`` (trimmed, 1..MAX_BODY characters); on failure nothing is written."""
    text = body.strip()
    if not text or len(text) > MAX_BODY:
        return None, Failure(ConsultationErrorCode.BAD_USER_INPUT, f"1..{MAX_BODY} chars",
                             field="body")
    consultation = await repo.consultation_for_update(uow, actor, consultation_id)
    if consultation is None:
        return None, Failure(ConsultationErrorCode.NOT_FOUND, "not found",
                             field="consultationId")
    if consultation.status not in OPEN:
        return None, Failure(ConsultationErrorCode.CLOSED, "the consultation is over")
    assert actor.user_id is not None  # the mutation requires a signed-in user (require_user)
    message = ConsultationMessage(
        id=uuid.uuid4(), consultation_id=consultation.id, pet_id=consultation.pet_id,
        owner_id=consultation.owner_id, author_id=uuid.UUID(actor.user_id), body=text,
        sent_at=datetime.now(UTC))
    await repo.add_message(uow, message)
    publish_after_commit(uow, publisher, *events.message_added(consultation_id, str(message.id)))
    return message, None
