"""appointments Subscription fields: live status (events are notifications; rows are re-read)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.types import Info

from persistence import events
from subgraphs.appointments import repository as repo
from subgraphs.appointments.types import Appointment
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.errors import not_found


async def _read(ctx, appointment_id: str):
    """The appointment as the subscriber may see it now (a fresh transaction per event)."""
    uow = UnitOfWork(ctx.resources.engine)
    try:
        rows = await repo.appointments_by_ids(uow, ctx.principal, [appointment_id])
    finally:
        await uow.finish(commit=False)
    return rows[0] if rows else None


@strawberry.type
class Subscription:
    @strawberry.subscription(description="The appointment after each status or ETA change.")
    async def appointment_status_changed(
            self, info: Info, appointment_id: strawberry.ID) -> AsyncGenerator[Appointment, None]:
        ctx = info.context
        ctx.require_user()
        if await _read(ctx, str(appointment_id)) is None:
            raise not_found("appointment")
        stream = events.listen(ctx.resources.redis, ctx.resources.redis_prefix,
                               f"appointment:{appointment_id}")
        async for _event in stream:
            row = await _read(ctx, str(appointment_id))
            if row is None:  # access lost (or row gone): end the stream
                return
            yield Appointment.from_row(row)
