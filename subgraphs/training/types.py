"""training GraphQL types: TrainingPlan entity; Pet extended with trainingPlans."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry
from strawberry.types import Info

from subgraphs.shared.resolving import each, then
from subgraphs.training import models
from subgraphs.training.context import loaders
from subgraphs.training.service import progress


@strawberry.enum
class TrainingKind(Enum):
    OBEDIENCE = "OBEDIENCE"
    AGILITY = "AGILITY"
    WEIGHT_LOSS = "WEIGHT_LOSS"
    REHAB = "REHAB"


@strawberry.enum
class TrainingPlanStatus(Enum):
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    PAUSED = "PAUSED"


@strawberry.federation.type(keys=["id"])
class TrainingPlan:
    id: strawberry.ID
    kind: TrainingKind
    title: str
    status: TrainingPlanStatus
    started_on: date
    sessions_per_week: int
    completed_sessions: int
    target_sessions: int
    progress_percent: float = strawberry.field(
        description="completedSessions / targetSessions as a percentage, 0-100.")
    pet_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.TrainingPlan) -> "TrainingPlan":
        return cls(id=strawberry.ID(str(row.id)), kind=TrainingKind(row.kind), title=row.title,
                   status=TrainingPlanStatus(row.status), started_on=row.started_on,
                   sessions_per_week=row.sessions_per_week,
                   completed_sessions=row.completed_sessions,
                   target_sessions=row.target_sessions,
                   progress_percent=progress.progress_percent(row.completed_sessions,
                                                              row.target_sessions),
                   pet_id=str(row.pet_id))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "TrainingPlan | None":
        row = await loaders(info).training_plan_by_id.load(id)
        return cls.from_row(row) if row else None

    @strawberry.field
    def pet(self) -> "Pet":
        return Pet(id=strawberry.ID(self.pet_id))


@strawberry.federation.type(keys=["id"])
class Pet:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> "Pet":
        return cls(id=id)

    @strawberry.field(description="Training plans of the pet, newest first.")
    def training_plans(self, info: Info) -> list[TrainingPlan]:
        return then(loaders(info).training_plans_by_pet_id.load(str(self.id)),
                    each(TrainingPlan.from_row))
