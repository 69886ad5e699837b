"""payments DataLoaders: one SQL statement per batch (``subgraphs.payments.context`` declares
them for the resolvers)."""

from __future__ import annotations

from functools import cached_property

from aiodataloader import DataLoader

from loaders import RequestLoaders, loader, one_per_key, str_attr, valid_uuids
from subgraphs.payments import repository as repo
from subgraphs.payments.service.policies import ACTIVE_POLICY


class PaymentsLoaders(RequestLoaders):
    @cached_property
    def payment_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.payments_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return one_per_key(rows, keys, str_attr("id"))
        return loader(batch)

    @cached_property
    def payment_by_appointment_id(self) -> DataLoader:
        """The newest visible payment of each appointment."""
        return self._newest_payment_by("appointment_id")

    @cached_property
    def payment_by_order_id(self) -> DataLoader:
        """The newest visible payment of each order."""
        return self._newest_payment_by("order_id")

    @cached_property
    def insurance_policy_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.policies_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return one_per_key(rows, keys, str_attr("id"))
        return loader(batch)

    @cached_property
    def insurance_policy_by_pet_id(self) -> DataLoader:
        """The active visible policy of each pet."""
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.policies_by_pet_ids(ctx.uow, ctx.principal, valid_uuids(keys),
                                                  status=ACTIVE_POLICY)
            return one_per_key(rows, keys, str_attr("pet_id"))
        return loader(batch)

    def _newest_payment_by(self, target: str) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.newest_payments_by_target(ctx.uow, ctx.principal, target,
                                                        valid_uuids(keys))
            return one_per_key(rows, keys, str_attr(target))
        return loader(batch)


LOADERS = PaymentsLoaders
