"""telehealth DataLoaders: one SQL statement per batch (``subgraphs.telehealth.context``
declares them for the resolvers)."""

from __future__ import annotations

from functools import cached_property

from aiodataloader import DataLoader

from loaders import RequestLoaders, loader, many_per_key, one_per_key, valid_uuids
from subgraphs.telehealth import repository as repo


class TelehealthLoaders(RequestLoaders):
    @cached_property
    def consultation_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.consultations_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return one_per_key(rows, keys, lambda r: str(r.id))
        return loader(batch)

    @cached_property
    def consultations_by_pet_id(self) -> DataLoader:
        """Keys are ``(pet_id, last)``: the newest ``last`` visible consultations of the pet.

        One statement per batch: the largest ``last`` of the batch is fetched per pet (window
        function), then each key keeps its own prefix.
        """
        ctx = self.ctx

        async def batch(keys: list[tuple[str, int]]) -> list[list]:
            pet_ids = valid_uuids(list({pet_id for pet_id, _ in keys}))
            most = max(last for _, last in keys)
            rows = await repo.newest_consultations_by_pet_ids(ctx.uow, ctx.principal, pet_ids,
                                                              most) if pet_ids and most else []
            grouped: dict[str, list] = {}
            for row in rows:
                grouped.setdefault(str(row.pet_id), []).append(row)
            return [grouped.get(pet_id, [])[:last] for pet_id, last in keys]
        return loader(batch)

    @cached_property
    def messages_by_consultation_id(self) -> DataLoader:
        """Messages of consultations already resolved with the caller's visibility, oldest
        first."""
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.messages_by_consultation_ids(ctx.uow, valid_uuids(keys))
            return many_per_key(rows, keys, lambda r: str(r.consultation_id))
        return loader(batch)


LOADERS = TelehealthLoaders
