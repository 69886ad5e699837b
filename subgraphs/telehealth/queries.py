"""telehealth Query fields."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.telehealth.context import loaders
from subgraphs.telehealth.types import Consultation


@strawberry.type
class Query:
    @strawberry.field
    async def consultation(self, info: Info, id: strawberry.ID) -> Consultation | None:
        info.context.require_user()
        row = await loaders(info).consultation_by_id.load(id)
        return Consultation.from_row(row) if row else None
