"""What profiles' resolvers read from ``info.context``: its DataLoaders, typed, and the
services over the request's stores.

``loaders.profiles.ProfilesLoaders`` provides the loaders (handed in by
``subgraphs.registry``); keys are canonical UUID strings, values MongoDB documents
(``subgraphs.profiles.models``).
"""

from __future__ import annotations

from typing import Any, Protocol

from aiodataloader import DataLoader

from subgraphs.profiles.service.pets import PetService
from subgraphs.profiles.service.sharing import SharingService


class ProfilesLoaders(Protocol):
    @property
    def pet_by_id(self) -> DataLoader: ...  # visible pet document | None

    @property
    def pets_by_owner_id(self) -> DataLoader: ...  # visible pet documents, by name

    @property
    def owner_by_id(self) -> DataLoader: ...  # visible owner document | None


def loaders(info: Any) -> ProfilesLoaders:
    """The request's profiles loaders."""
    return info.context.loaders


def pet_service(info: Any) -> PetService:
    """Registering and editing pets over the app's MongoDB and Redis."""
    state = info.context.resources
    return PetService(state.mongo, state.redis, state.redis_prefix, state)


def sharing_service(info: Any) -> SharingService:
    """Emergency links and grants over the app's MongoDB and Redis."""
    state = info.context.resources
    return SharingService(state.mongo, state.redis, state.redis_prefix)
