"""chronic_care Subscription fields: a pet's alerts as they are raised (rows re-read)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from functools import partial

import strawberry
from strawberry.types import Info

from subgraphs.chronic_care import repository as repo
from subgraphs.chronic_care.types import Alert
from subgraphs.shared.errors import not_found
from subgraphs.shared.live import events, read_fresh


@strawberry.type
class Subscription:
    @strawberry.subscription(description="Each alert raised for the pet (wearable anomalies). "
                                         "Whoever may see the pet's devices may subscribe.")
    async def pet_alert_raised(self, info: Info, pet_id: strawberry.ID
                               ) -> AsyncGenerator[Alert, None]:
        ctx = info.context
        ctx.require_user()
        pet = str(pet_id)
        if not await read_fresh(ctx, lambda uow: repo.visible_devices_of_pet(uow, ctx.principal,
                                                                             pet)):
            raise not_found("pet")
        async for event in events(ctx, f"pet:{pet}"):
            alert_id = str(event.get("alertId"))
            rows = await read_fresh(ctx, partial(repo.alerts_by_ids, principal=ctx.principal,
                                                 ids=[alert_id]))
            if not rows:  # access lost (or not an alert of ours): end the stream
                return
            yield Alert.from_row(rows[0])
