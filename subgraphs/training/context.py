"""What training's resolvers read from ``info.context``: its DataLoaders, typed.

``loaders.training.TrainingLoaders`` provides them (handed in by ``subgraphs.registry``);
keys are canonical UUID strings, values the rows of ``subgraphs.training.models``.
"""

from __future__ import annotations

from typing import Any, Protocol

from aiodataloader import DataLoader


class TrainingLoaders(Protocol):
    @property
    def training_plan_by_id(self) -> DataLoader: ...  # visible TrainingPlan | None

    @property
    def training_plans_by_pet_id(self) -> DataLoader: ...  # visible TrainingPlans, newest first


def loaders(info: Any) -> TrainingLoaders:
    """The request's training loaders."""
    return info.context.loaders
