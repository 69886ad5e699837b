"""accounts DataLoaders: one SQL statement per batch (``subgraphs.accounts.context`` declares
them for the resolvers)."""

from __future__ import annotations

from functools import cached_property

from aiodataloader import DataLoader

from loaders import RequestLoaders, loader, one_per_key, valid_uuids
from subgraphs.accounts import repository as repo


class AccountsLoaders(RequestLoaders):
    @cached_property
    def account_by_id(self) -> DataLoader:
        """Visible accounts (the caller's own; any for admins)."""
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.accounts_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return one_per_key(rows, keys, lambda row: str(row.id))
        return loader(batch)


LOADERS = AccountsLoaders
