"""telehealth Mutation fields: chat messages and consultation status (payload errors)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.telehealth import chat
from subgraphs.telehealth.types import Consultation, Message

ErrorCodeType = strawberry.enum(chat.ConsultationErrorCode, name="ConsultationErrorCode")


@strawberry.type
class ConsultationError:
    code: ErrorCodeType
    field: str | None
    message: str


@strawberry.type
class ConsultationMessageSendPayload:
    message: Message | None
    errors: list[ConsultationError]


@strawberry.type
class ConsultationTransitionPayload:
    consultation: Consultation | None
    errors: list[ConsultationError]


@strawberry.input
class ConsultationMessageSendInput:
    consultation_id: strawberry.ID
    body: str


@strawberry.input
class ConsultationTransitionInput:
    consultation_id: strawberry.ID


def _publisher(ctx):
    return chat.redis_publisher(getattr(ctx.resources, "redis", None),
                                getattr(ctx.resources, "redis_prefix", ""))


def _errors(failure: chat.Failure) -> list[ConsultationError]:
    return [ConsultationError(code=failure.code, field=failure.field, message=failure.message)]


async def _move(info: Info, consultation_id: strawberry.ID, to: str
                ) -> ConsultationTransitionPayload:
    info.context.require_user()
    row, failure = await chat.move(info.context.uow, info.context.principal, str(consultation_id),
                                   to, _publisher(info.context))
    if failure:
        return ConsultationTransitionPayload(consultation=None, errors=_errors(failure))
    return ConsultationTransitionPayload(consultation=Consultation.from_row(row), errors=[])


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Post in a consultation's chat (its owner, the pet's "
                                     "carers, admins) while it is scheduled or in progress.")
    async def consultation_message_send(self, info: Info, input: ConsultationMessageSendInput
                                        ) -> ConsultationMessageSendPayload:
        ctx = info.context
        ctx.require_user()
        row, failure = await chat.send(ctx.uow, ctx.principal, str(input.consultation_id),
                                       input.body, _publisher(ctx))
        if failure:
            return ConsultationMessageSendPayload(message=None, errors=_errors(failure))
        return ConsultationMessageSendPayload(message=Message.from_row(row), errors=[])

    @strawberry.mutation(description="Staff start a scheduled consultation.")
    async def consultation_start(self, info: Info, input: ConsultationTransitionInput
                                 ) -> ConsultationTransitionPayload:
        return await _move(info, input.consultation_id, "IN_PROGRESS")

    @strawberry.mutation(description="Staff end a consultation in progress.")
    async def consultation_end(self, info: Info, input: ConsultationTransitionInput
                               ) -> ConsultationTransitionPayload:
        return await _move(info, input.consultation_id, "ENDED")
