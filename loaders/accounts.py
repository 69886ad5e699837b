"""accounts DataLoaders: one SQL statement per batch."""

from __future__ import annotations

from aiodataloader import DataLoader

from loaders import loader, one_per_key, valid_uuids
from subgraphs.accounts import repository as repo


def account_by_id(ctx) -> DataLoader:
    async def batch(keys):
        rows = await repo.accounts_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return one_per_key(rows, keys, lambda row: str(row.id))
    return loader(batch)


FACTORIES = {f.__name__: f for f in (account_by_id,)}

LOADERS = FACTORIES
