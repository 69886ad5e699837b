"""commerce DataLoaders: one SQL statement per batch."""

from __future__ import annotations

from aiodataloader import DataLoader

from loaders import loader, many_per_key, one_per_key, valid_uuids
from subgraphs.commerce import repository as repo
from subgraphs.commerce.service import FoodRange


def _sid(attr: str):
    return lambda row: str(getattr(row, attr))


def product_by_id(ctx) -> DataLoader:
    async def batch(keys):
        return one_per_key(await repo.products_by_ids(ctx.uow, valid_uuids(keys)), keys, _sid("id"))
    return loader(batch)


def order_by_id(ctx) -> DataLoader:
    async def batch(keys):
        rows = await repo.orders_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return one_per_key(rows, keys, _sid("id"))
    return loader(batch)


def orders_by_pet_id(ctx) -> DataLoader:
    """Keys are ``(pet_id, last)``: the newest ``last`` visible orders of the pet.

    One statement per batch: the largest ``last`` of the batch is fetched per pet (window
    function), then each key keeps its own prefix.
    """
    async def batch(keys):
        pet_ids = valid_uuids(list({pet_id for pet_id, _ in keys}))
        most = max(last for _, last in keys)
        rows = await repo.newest_orders_by_pet_ids(ctx.uow, ctx.principal, pet_ids, most) \
            if pet_ids and most else []
        grouped = many_per_key(rows, [pet_id for pet_id, _ in keys], _sid("pet_id"))
        return [group[:last] for group, (_, last) in zip(grouped, keys)]
    return loader(batch)


def order_items_by_order_id(ctx) -> DataLoader:
    """Line items in position order. Only called for orders already resolved (and so visible)."""
    async def batch(keys):
        rows = await repo.items_by_order_ids(ctx.uow, valid_uuids(keys))
        return many_per_key(rows, keys, _sid("order_id"))
    return loader(batch)


def food_catalog(ctx) -> DataLoader:
    """Key ``"FOOD"``: the over-the-counter food range (a ``service.FoodRange``), read and
    prepared once per request however many pets ask for suggestions."""
    async def batch(keys):
        prepared = FoodRange.of(await repo.food_catalog(ctx.uow))
        return [prepared for _ in keys]
    return loader(batch)


FACTORIES = {f.__name__: f for f in (product_by_id, order_by_id, orders_by_pet_id,
                                     order_items_by_order_id, food_catalog)}

LOADERS = FACTORIES
