"""Consultation status: staff and admins start a scheduled consultation and end one in
progress; the ``ConsultationStatusChanged`` event after commit."""

from __future__ import annotations

from auth.principal import Principal, Role
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.events import Publisher, guarded_move
from subgraphs.shared.payloads import Failure
from subgraphs.telehealth import repository as repo
from subgraphs.telehealth.errors import ConsultationErrorCode
from subgraphs.telehealth.models import Consultation
from subgraphs.telehealth.service import events

MOVES = {"IN_PROGRESS": "SCHEDULED", "ENDED": "IN_PROGRESS"}  # to -> required current status
STAFF = (Role.VET, Role.CLINIC_ADMIN)


async def move(uow: UnitOfWork, actor: Principal, consultation_id: str, to: str,
               publisher: Publisher | None = None
               ) -> tuple[Consultation | None, Failure | None]:
    """Move one consultation the actor may read to ``to``; on failure nothing changes.

    A consultation the actor cannot read is NOT_FOUND before any role check (its existence
    stays hidden); then staff only, then the transition.
    """
    def check(consultation: Consultation) -> Failure | None:
        if not (actor.is_admin or any(actor.has_role(r) for r in STAFF)):
            return Failure(ConsultationErrorCode.FORBIDDEN, "staff only")
        if consultation.status != MOVES[to]:
            return Failure(ConsultationErrorCode.INVALID_TRANSITION,
                           f"cannot go from {consultation.status} to {to}")
        return None

    return await guarded_move(
        uow, load=lambda: repo.consultation_for_update(uow, actor, consultation_id),
        missing=Failure(ConsultationErrorCode.NOT_FOUND, "not found", field="consultationId"),
        check=check, write=lambda row: repo.set_consultation_status(uow, row, to),
        event=lambda _row: events.status_changed(consultation_id, to), publisher=publisher)
