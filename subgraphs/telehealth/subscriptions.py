"""telehealth Subscription fields: live chat and status of a consultation.

Both listen on ``consultation:<id>`` and re-read rows with the subscriber's visibility per
event; a subscriber who can no longer read the consultation gets no more events.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from functools import partial

import strawberry
from strawberry.types import Info

from subgraphs.shared.errors import not_found
from subgraphs.shared.live import events, read_fresh
from subgraphs.telehealth import repository as repo
from subgraphs.telehealth.service.events import MESSAGE_ADDED, STATUS_CHANGED, topic
from subgraphs.telehealth.types import Consultation, Message


async def _consultation(ctx, consultation_id: str):
    rows = await read_fresh(ctx, lambda uow: repo.consultations_by_ids(uow, ctx.principal,
                                                                  [consultation_id]))
    return rows[0] if rows else None


async def _events_of(ctx, consultation_id: str, kind: str):
    """Events of ``kind`` on a consultation the subscriber may read (checked first)."""
    ctx.require_user()
    if await _consultation(ctx, consultation_id) is None:
        raise not_found("consultation")
    async for event in events(ctx, topic(consultation_id)):
        if event.get("type") == kind:
            yield event


@strawberry.type
class Subscription:
    @strawberry.subscription(description="Each new chat message of the consultation.")
    async def consultation_message_added(self, info: Info, consultation_id: strawberry.ID
                                         ) -> AsyncGenerator[Message, None]:
        ctx = info.context
        async for event in _events_of(ctx, str(consultation_id), MESSAGE_ADDED):
            message_id = str(event.get("messageId"))
            rows = await read_fresh(ctx, partial(repo.messages_by_ids, principal=ctx.principal,
                                                 ids=[message_id]))
            if not rows:  # access lost: end the stream
                return
            yield Message.from_row(rows[0])

    @strawberry.subscription(description="The consultation after each status change.")
    async def consultation_status_changed(self, info: Info, consultation_id: strawberry.ID
                                          ) -> AsyncGenerator[Consultation, None]:
        ctx = info.context
        async for _event in _events_of(ctx, str(consultation_id), STATUS_CHANGED):
            row = await _consultation(ctx, str(consultation_id))
            if row is None:  # access lost: end the stream
                return
            yield Consultation.from_row(row)
