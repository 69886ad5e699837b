"""telehealth Mutation fields: chat messages and consultation status (payload errors)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.shared.events import publisher_of
from subgraphs.telehealth.inputs import ConsultationMessageSendInput, ConsultationTransitionInput
from subgraphs.telehealth.payloads import (
    ConsultationError,
    ConsultationMessageSendPayload,
    ConsultationTransitionPayload,
)
from subgraphs.telehealth.service import chat, lifecycle
from subgraphs.telehealth.types import Consultation, Message


async def _move(info: Info, consultation_id: strawberry.ID, to: str
                ) -> ConsultationTransitionPayload:
    ctx = info.context
    ctx.require_user()
    row, failure = await lifecycle.move(ctx.uow, ctx.principal, str(consultation_id), to,
                                        publisher_of(ctx.resources))
    return ConsultationTransitionPayload(consultation=Consultation.from_row(row) if row else None,
                                         errors=ConsultationError.list_of(failure))


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Post in a consultation's chat (its owner, the pet's "
                                     "carers, admins) while it is scheduled or in progress.")
    async def consultation_message_send(self, info: Info, input: ConsultationMessageSendInput
                                        ) -> ConsultationMessageSendPayload:
        ctx = info.context
        ctx.require_user()
        row, failure = await chat.send(ctx.uow, ctx.principal, str(input.consultation_id),
                                       input.body, publisher_of(ctx.resources))
        return ConsultationMessageSendPayload(message=Message.from_row(row) if row else None,
                                              errors=ConsultationError.list_of(failure))

    @strawberry.mutation(description="Staff start a scheduled consultation.")
    async def consultation_start(self, info: Info, input: ConsultationTransitionInput
                                 ) -> ConsultationTransitionPayload:
        return await _move(info, input.consultation_id, "IN_PROGRESS")

    @strawberry.mutation(description="Staff end a consultation in progress.")
    async def consultation_end(self, info: Info, input: ConsultationTransitionInput
                               ) -> ConsultationTransitionPayload:
        return await _move(info, input.consultation_id, "ENDED")
