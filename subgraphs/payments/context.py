"""What payments' resolvers read from ``info.context``: its DataLoaders, typed.

``loaders.payments.PaymentsLoaders`` provides them (handed in by ``subgraphs.registry``);
keys are canonical UUID strings, values the rows of ``subgraphs.payments.models``.
"""

from __future__ import annotations

from typing import Any, Protocol

from aiodataloader import DataLoader


class PaymentsLoaders(Protocol):
    @property
    def payment_by_id(self) -> DataLoader: ...  # Payment | None

    @property
    def payment_by_appointment_id(self) -> DataLoader: ...  # newest Payment | None

    @property
    def payment_by_order_id(self) -> DataLoader: ...  # newest Payment | None

    @property
    def insurance_policy_by_id(self) -> DataLoader: ...  # InsurancePolicy | None

    @property
    def insurance_policy_by_pet_id(self) -> DataLoader: ...  # active InsurancePolicy | None


def loaders(info: Any) -> PaymentsLoaders:
    """The request's payments loaders."""
    return info.context.loaders
