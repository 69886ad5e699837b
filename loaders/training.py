"""training DataLoaders: one SQL statement per batch."""

from __future__ import annotations

from aiodataloader import DataLoader

from loaders import loader, many_per_key, one_per_key, valid_uuids
from subgraphs.training import repository as repo


def _sid(attr: str):
    return lambda row: str(getattr(row, attr))


def training_plan_by_id(ctx) -> DataLoader:
    async def batch(keys):
        rows = await repo.training_plans_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return one_per_key(rows, keys, _sid("id"))
    return loader(batch)


def training_plans_by_pet_id(ctx) -> DataLoader:
    """Visible training plans of each pet, newest first."""
    async def batch(keys):
        rows = await repo.training_plans_by_pet_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return many_per_key(rows, keys, _sid("pet_id"))
    return loader(batch)


FACTORIES = {f.__name__: f for f in (training_plan_by_id, training_plans_by_pet_id)}

LOADERS = FACTORIES
