"""What telehealth's resolvers read from ``info.context``: its DataLoaders, typed.

``loaders.telehealth.TelehealthLoaders`` provides them (handed in by ``subgraphs.registry``);
keys are canonical UUID strings, values the rows of ``subgraphs.telehealth.models``.
"""

from __future__ import annotations

from typing import Any, Protocol

from aiodataloader import DataLoader


class TelehealthLoaders(Protocol):
    @property
    def consultation_by_id(self) -> DataLoader: ...  # visible Consultation | None

    @property
    def consultations_by_pet_id(self) -> DataLoader: ...  # key (pet_id, last): newest first

    @property
    def messages_by_consultation_id(self) -> DataLoader: ...  # ConsultationMessages, oldest first


def loaders(info: Any) -> TelehealthLoaders:
    """The request's telehealth loaders."""
    return info.context.loaders
