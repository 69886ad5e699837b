"""payments DataLoaders: one SQL statement per batch."""

from __future__ import annotations

from aiodataloader import DataLoader

from loaders import loader, one_per_key, valid_uuids
from subgraphs.payments import repository as repo


def _sid(attr: str):
    return lambda row: str(getattr(row, attr))


def payment_by_id(ctx) -> DataLoader:
    async def batch(keys):
        rows = await repo.payments_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return one_per_key(rows, keys, _sid("id"))
    return loader(batch)


def payment_by_appointment_id(ctx) -> DataLoader:
    """The newest visible payment of each appointment."""
    async def batch(keys):
        rows = await repo.newest_payments_by_target(ctx.uow, ctx.principal, "appointment_id",
                                                    valid_uuids(keys))
        return one_per_key(rows, keys, _sid("appointment_id"))
    return loader(batch)


def payment_by_order_id(ctx) -> DataLoader:
    """The newest visible payment of each order."""
    async def batch(keys):
        rows = await repo.newest_payments_by_target(ctx.uow, ctx.principal, "order_id",
                                                    valid_uuids(keys))
        return one_per_key(rows, keys, _sid("order_id"))
    return loader(batch)


def insurance_policy_by_id(ctx) -> DataLoader:
    async def batch(keys):
        rows = await repo.policies_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return one_per_key(rows, keys, _sid("id"))
    return loader(batch)


def insurance_policy_by_pet_id(ctx) -> DataLoader:
    """The active visible policy of each pet."""
    async def batch(keys):
        rows = await repo.active_policies_by_pet_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return one_per_key(rows, keys, _sid("pet_id"))
    return loader(batch)


FACTORIES = {f.__name__: f for f in (payment_by_id, payment_by_appointment_id,
                                     payment_by_order_id, insurance_policy_by_id,
                                     insurance_policy_by_pet_id)}
