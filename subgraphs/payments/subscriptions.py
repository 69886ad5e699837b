"""payments Subscription fields: live payment status (events are notifications; rows re-read)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from strawberry.types import Info

from subgraphs.payments import repository as repo
from subgraphs.payments.types import Payment
from subgraphs.shared.errors import not_found
from subgraphs.shared.live import events, read_one


async def _read(ctx, payment_id: str):
    return await read_one(ctx, repo.payments_by_ids, payment_id)


@strawberry.type
class Subscription:
    @strawberry.subscription(description="The payment after each status change.")
    async def payment_status_changed(self, info: Info, payment_id: strawberry.ID
                                     ) -> AsyncGenerator[Payment, None]:
        ctx = info.context
        ctx.require_user()
        if await _read(ctx, str(payment_id)) is None:
            raise not_found("payment")
        async for _event in events(ctx, f"payment:{payment_id}"):
            row = await _read(ctx, str(payment_id))
            if row is None:  # access lost: end the stream
                return
            yield Payment.from_row(row)
