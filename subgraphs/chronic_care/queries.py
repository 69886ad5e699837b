"""chronic_care Query fields."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.chronic_care.context import loaders
from subgraphs.chronic_care.types import CarePlan, Device


@strawberry.type
class Query:
    @strawberry.field
    async def device(self, info: Info, id: strawberry.ID) -> Device | None:
        info.context.require_user()
        row = await loaders(info).device_by_id.load(id)
        return Device.from_row(row) if row else None

    @strawberry.field
    async def care_plan(self, info: Info, id: strawberry.ID) -> CarePlan | None:
        info.context.require_user()
        row = await loaders(info).care_plan_by_id.load(id)
        return CarePlan.from_row(row) if row else None
