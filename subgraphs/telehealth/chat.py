"""Consultation chat and status: checks, the write, the event after commit. No GraphQL.

Whoever may read a consultation (its owner, staff caring for the pet, admins) may post in it
while it is SCHEDULED or IN_PROGRESS; staff and admins start and end it. Events go to
``consultation:<id>`` (``MessageAdded`` with the message id, ``ConsultationStatusChanged``);
they are notifications - the rows are the state.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from auth.principal import Principal, Role
from persistence import events
from subgraphs.shared.context import UnitOfWork
from subgraphs.telehealth import repository as repo
from subgraphs.telehealth.models import Consultation, ConsultationMessage

MAX_BODY = 4000
OPEN = frozenset({"SCHEDULED", "IN_PROGRESS"})
MOVES = {"IN_PROGRESS": "SCHEDULED", "ENDED": "IN_PROGRESS"}  # to -> required current status
STAFF = (Role.VET, Role.CLINIC_ADMIN)


class ConsultationErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    CLOSED = "CLOSED"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    BAD_USER_INPUT = "BAD_USER_INPUT"


@dataclass(frozen=True)
class Failure:
    code: ConsultationErrorCode
    field: str | None
    message: str


def _topic(consultation_id: str) -> list[str]:
    return [f"consultation:{consultation_id}"]


async def send(uow: UnitOfWork, actor: Principal, consultation_id: str, body: str,
               publisher=None) -> tuple[ConsultationMessage | None, Failure | None]:
    text = body.strip()
    if not text or len(text) > MAX_BODY:
        return None, Failure(ConsultationErrorCode.BAD_USER_INPUT, "body", f"1..{MAX_BODY} chars")
    consultation = await repo.consultation_for_update(uow, actor, consultation_id)
    if consultation is None:
        return None, Failure(ConsultationErrorCode.NOT_FOUND, "consultationId", "not found")
    if consultation.status not in OPEN:
        return None, Failure(ConsultationErrorCode.CLOSED, None, "the consultation is over")
    message = ConsultationMessage(
        id=uuid.uuid4(), consultation_id=consultation.id, pet_id=consultation.pet_id,
        owner_id=consultation.owner_id, author_id=actor.user_id, body=text,
        sent_at=datetime.now(UTC))
    await repo.add_message(uow, message)
    if publisher is not None:
        payload = {"type": "MessageAdded", "consultationId": consultation_id,
                   "messageId": str(message.id)}
        uow.after_commit(lambda: publisher(_topic(consultation_id), payload))
    return message, None


async def move(uow: UnitOfWork, actor: Principal, consultation_id: str, to: str,
               publisher=None) -> tuple[Consultation | None, Failure | None]:
    consultation = await repo.consultation_for_update(uow, actor, consultation_id)
    if consultation is None:
        return None, Failure(ConsultationErrorCode.NOT_FOUND, "consultationId", "not found")
    if not (actor.is_admin or any(actor.has_role(r) for r in STAFF)):
        return None, Failure(ConsultationErrorCode.FORBIDDEN, None, "staff only")
    if consultation.status != MOVES[to]:
        return None, Failure(ConsultationErrorCode.INVALID_TRANSITION, None,
                             f"cannot go from {consultation.status} to {to}")
    consultation.status = to
    uow.session.add(consultation)
    await uow.flush()
    if publisher is not None:
        payload = {"type": "ConsultationStatusChanged", "consultationId": consultation_id,
                   "status": to}
        uow.after_commit(lambda: publisher(_topic(consultation_id), payload))
    return consultation, None


def redis_publisher(redis, prefix: str):
    if redis is None:
        return None
    return lambda topics, payload: events.publish(redis, prefix, topics, payload)
