"""training DataLoaders: one SQL statement per batch (``subgraphs.training.context`` declares
them for the resolvers)."""

from __future__ import annotations

from functools import cached_property

from aiodataloader import DataLoader

from loaders import RequestLoaders, loader, many_per_key, one_per_key, str_attr, valid_uuids
from subgraphs.training import repository as repo


class TrainingLoaders(RequestLoaders):
    @cached_property
    def training_plan_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.training_plans_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return one_per_key(rows, keys, str_attr("id"))
        return loader(batch)

    @cached_property
    def training_plans_by_pet_id(self) -> DataLoader:
        """Visible training plans of each pet, newest first."""
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.training_plans_by_pet_ids(ctx.uow, ctx.principal,
                                                        valid_uuids(keys))
            return many_per_key(rows, keys, str_attr("pet_id"))
        return loader(batch)


LOADERS = TrainingLoaders
