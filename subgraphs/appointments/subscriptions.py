"""appointments Subscription fields: live status and a vet's queue.

Events are notifications (``persistence.events``); every event re-reads the rows in a fresh
transaction with the subscriber's visibility, and re-checks that the subscriber may still
watch - a subscriber never receives data they may not read.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from datetime import date, datetime, time, timedelta, timezone

import strawberry
from strawberry.types import Info

from subgraphs.appointments.repository import appointments as repo
from subgraphs.appointments.repository import clinics as clinics_repo
from subgraphs.appointments.service.lifecycle import may_watch_queue
from subgraphs.appointments.types import Appointment
from subgraphs.shared.errors import forbidden, not_found
from subgraphs.shared.live import events, read_fresh, read_one
from subgraphs.shared.schema import list_size


async def _read(ctx, appointment_id: str):
    return await read_one(ctx, repo.appointments_by_ids, appointment_id)


async def _queue(ctx, vet_id: str, day: date):
    """(vet, the vet's appointments of ``day`` (UTC)) or (None, []) when not allowed/gone."""
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)

    async def read(uow):
        vets = await clinics_repo.vets_by_ids(uow, [vet_id])
        if not vets or not may_watch_queue(ctx.principal, vets[0]):
            return None, []
        return vets[0], await repo.vet_queue(uow, ctx.principal, vet_id, start,
                                             start + timedelta(days=1))

    return await read_fresh(ctx, read)


@strawberry.type
class Subscription:
    @strawberry.subscription(description="The appointment after each status or ETA change.")
    async def appointment_status_changed(
            self, info: Info, appointment_id: strawberry.ID) -> AsyncGenerator[Appointment, None]:
        ctx = info.context
        ctx.require_user()
        if await _read(ctx, str(appointment_id)) is None:
            raise not_found("appointment")
        # aclosing: closing this stream closes the Redis subscription now, not at GC time
        async with aclosing(events(ctx, f"appointment:{appointment_id}")) as stream:
            async for _event in stream:
                row = await _read(ctx, str(appointment_id))
                if row is None:  # access lost (or row gone): end the stream
                    return
                yield Appointment.from_row(row)

    @strawberry.subscription(description="A vet's appointments of one day (UTC, default today), "
                                         "in time order, after every change at the vet's clinic. "
                                         "The vet, staff of the vet's clinic and admins only.",
                            directives=[list_size(assumed=30)])
    async def vet_queue_changed(self, info: Info, vet_id: strawberry.ID, day: date | None = None
                                ) -> AsyncGenerator[list[Appointment], None]:
        ctx = info.context
        ctx.require_user()
        day = day or datetime.now(timezone.utc).date()
        vet, _rows = await _queue(ctx, str(vet_id), day)
        if vet is None:
            raise forbidden("only the vet and their clinic's staff may watch this queue")
        async with aclosing(events(ctx, f"clinic:{vet.clinic_id}")) as stream:
            async for event in stream:
                if event.get("vetId") not in (None, str(vet_id)):
                    continue
                vet, rows = await _queue(ctx, str(vet_id), day)
                if vet is None:  # access lost: end the stream
                    return
                yield [Appointment.from_row(r) for r in rows]
