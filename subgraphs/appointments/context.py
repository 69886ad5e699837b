"""What appointments' resolvers read from ``info.context``: its DataLoaders, typed.

``loaders.appointments.AppointmentsLoaders`` provides them (handed in by
``subgraphs.registry``); keys are canonical UUID strings, values the rows of
``subgraphs.appointments.models``.
"""

from __future__ import annotations

from typing import Any, Protocol

from aiodataloader import DataLoader


class AppointmentsLoaders(Protocol):
    @property
    def clinic_by_id(self) -> DataLoader: ...  # Clinic | None

    @property
    def vet_by_id(self) -> DataLoader: ...  # Vet | None

    @property
    def vets_by_clinic_id(self) -> DataLoader: ...  # list[Vet], by name

    @property
    def appointment_by_id(self) -> DataLoader: ...  # visible Appointment | None

    @property
    def visits_by_pet_id(self) -> DataLoader:
        """Keys ``(pet_id, last)`` -> (last ``last`` started visits, next open one | None)."""
        ...

    @property
    def status_history_by_appointment_id(self) -> DataLoader: ...  # list, oldest first


def loaders(info: Any) -> AppointmentsLoaders:
    """The request's appointments loaders."""
    return info.context.loaders
