"""training Query fields."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.training.context import loaders
from subgraphs.training.types import TrainingPlan


@strawberry.type
class Query:
    @strawberry.field
    async def training_plan(self, info: Info, id: strawberry.ID) -> TrainingPlan | None:
        info.context.require_user()
        row = await loaders(info).training_plan_by_id.load(id)
        return TrainingPlan.from_row(row) if row else None
