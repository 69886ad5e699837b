"""What commerce's resolvers read from ``info.context``: its DataLoaders, typed.

``loaders.commerce.CommerceLoaders`` provides them (handed in by ``subgraphs.registry``);
keys are canonical UUID strings, values the rows of ``subgraphs.commerce.models``.
"""

from __future__ import annotations

from typing import Any, Protocol

from aiodataloader import DataLoader


class CommerceLoaders(Protocol):
    @property
    def product_by_id(self) -> DataLoader: ...  # Product | None

    @property
    def order_by_id(self) -> DataLoader: ...  # visible Order | None

    @property
    def orders_by_pet_id(self) -> DataLoader: ...  # key (pet_id, last): newest visible Orders

    @property
    def order_items_by_order_id(self) -> DataLoader: ...  # OrderItems in position order

    @property
    def food_catalog(self) -> DataLoader: ...  # key "FOOD": service.suggestions.FoodRange


def loaders(info: Any) -> CommerceLoaders:
    """The request's commerce loaders."""
    return info.context.loaders
