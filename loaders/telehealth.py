"""telehealth DataLoaders: one SQL statement per batch."""

from __future__ import annotations

from aiodataloader import DataLoader

from loaders import loader, many_per_key, one_per_key, valid_uuids
from subgraphs.telehealth import repository as repo


def consultation_by_id(ctx) -> DataLoader:
    async def batch(keys):
        rows = await repo.consultations_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return one_per_key(rows, keys, lambda r: str(r.id))
    return loader(batch)


def consultations_by_pet_id(ctx) -> DataLoader:
    """Keys are ``(pet_id, last)``: the newest ``last`` visible consultations of the pet.

    One statement per batch: the largest ``last`` of the batch is fetched per pet (window
    function), then each key keeps its own prefix.
    """
    async def batch(keys):
        pet_ids = valid_uuids(list({pet_id for pet_id, _ in keys}))
        most = max(last for _, last in keys)
        rows = await repo.newest_consultations_by_pet_ids(ctx.uow, ctx.principal, pet_ids, most) \
            if pet_ids and most else []
        grouped: dict[str, list] = {}
        for row in rows:
            grouped.setdefault(str(row.pet_id), []).append(row)
        return [grouped.get(pet_id, [])[:last] for pet_id, last in keys]
    return loader(batch)


def messages_by_consultation_id(ctx) -> DataLoader:
    """Messages of consultations already resolved with the caller's visibility, oldest first."""
    async def batch(keys):
        rows = await repo.messages_by_consultation_ids(ctx.uow, valid_uuids(keys))
        return many_per_key(rows, keys, lambda r: str(r.consultation_id))
    return loader(batch)


FACTORIES = {f.__name__: f for f in (consultation_by_id, consultations_by_pet_id,
                                     messages_by_consultation_id)}

LOADERS = FACTORIES
