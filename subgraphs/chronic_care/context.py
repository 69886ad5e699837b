"""What chronic_care's resolvers read from ``info.context``: its DataLoaders, typed.

``loaders.chronic_care.ChronicCareLoaders`` provides them (handed in by ``subgraphs.registry``);
keys are canonical UUID strings (stats: ``(pet_id, window)``), values the rows of
``subgraphs.chronic_care.models`` (stats: ``service.stats.WearableStatsData``).
"""

from __future__ import annotations

from typing import Any, Protocol

from aiodataloader import DataLoader


class ChronicCareLoaders(Protocol):
    @property
    def device_by_id(self) -> DataLoader: ...  # Device | None

    @property
    def devices_by_pet_id(self) -> DataLoader: ...  # list[Device], most recently bound first

    @property
    def care_plan_by_id(self) -> DataLoader: ...  # CarePlan | None

    @property
    def care_plans_by_pet_id(self) -> DataLoader: ...  # list[CarePlan], newest first

    @property
    def wearable_stats_by_pet_id_window(self) -> DataLoader: ...  # WearableStatsData | None

    @property
    def geofence_by_pet_id(self) -> DataLoader: ...  # Geofence | None


def loaders(info: Any) -> ChronicCareLoaders:
    """The request's chronic_care loaders."""
    return info.context.loaders
