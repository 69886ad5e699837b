"""commerce DataLoaders: one SQL statement per batch (``subgraphs.commerce.context`` declares
them for the resolvers)."""

from __future__ import annotations

from functools import cached_property

from aiodataloader import DataLoader

from loaders import RequestLoaders, loader, many_per_key, one_per_key, str_attr, valid_uuids
from subgraphs.commerce import repository as repo
from subgraphs.commerce.service.suggestions import FoodRange


class CommerceLoaders(RequestLoaders):
    @cached_property
    def product_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.products_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return one_per_key(rows, keys, str_attr("id"))
        return loader(batch)

    @cached_property
    def order_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.orders_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return one_per_key(rows, keys, str_attr("id"))
        return loader(batch)

    @cached_property
    def orders_by_pet_id(self) -> DataLoader:
        """Keys are ``(pet_id, last)``: the newest ``last`` visible orders of the pet.

        One statement per batch: the largest ``last`` of the batch is fetched per pet (window
        function), then each key keeps its own prefix.
        """
        ctx = self.ctx

        async def batch(keys):
            pet_ids = valid_uuids(list({pet_id for pet_id, _ in keys}))
            most = max(last for _, last in keys)
            rows = await repo.newest_orders_by_pet_ids(ctx.uow, ctx.principal, pet_ids, most) \
                if pet_ids and most else []
            grouped = many_per_key(rows, [pet_id for pet_id, _ in keys], str_attr("pet_id"))
            return [group[:last] for group, (_, last) in zip(grouped, keys)]
        return loader(batch)

    @cached_property
    def order_items_by_order_id(self) -> DataLoader:
        """Line items in position order. Only called for orders already resolved (and so
        visible)."""
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.items_by_order_ids(ctx.uow, valid_uuids(keys))
            return many_per_key(rows, keys, str_attr("order_id"))
        return loader(batch)

    @cached_property
    def food_catalog(self) -> DataLoader:
        """Key ``"FOOD"``: the over-the-counter food range (a ``FoodRange``), read and
        prepared once per request however many pets ask for suggestions."""
        ctx = self.ctx

        async def batch(keys):
            prepared = FoodRange.of(await repo.food_catalog(ctx.uow, ctx.principal))
            return [prepared for _ in keys]
        return loader(batch)


LOADERS = CommerceLoaders
