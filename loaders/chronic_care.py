"""chronic_care DataLoaders: one SQL statement per batch (per stats window for stats);
``subgraphs.chronic_care.context`` declares them for the resolvers."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from functools import cached_property

from aiodataloader import DataLoader

from loaders import RequestLoaders, loader, many_per_key, one_per_key, str_attr, valid_uuids
from subgraphs.chronic_care import repository as repo
from subgraphs.chronic_care.service import stats


class ChronicCareLoaders(RequestLoaders):
    @cached_property
    def device_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.devices_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return one_per_key(rows, keys, str_attr("id"))
        return loader(batch)

    @cached_property
    def devices_by_pet_id(self) -> DataLoader:
        """Visible devices bound to each pet, most recently bound first."""
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.devices_by_pet_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return many_per_key(rows, keys, str_attr("pet_id"))
        return loader(batch)

    @cached_property
    def care_plan_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.care_plans_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return one_per_key(rows, keys, str_attr("id"))
        return loader(batch)

    @cached_property
    def care_plans_by_pet_id(self) -> DataLoader:
        """Visible care plans of each pet, newest first."""
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.care_plans_by_pet_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return many_per_key(rows, keys, str_attr("pet_id"))
        return loader(batch)

    @cached_property
    def wearable_stats_by_pet_id_window(self) -> DataLoader:
        """Keys ``(pet_id, window)`` -> ``WearableStatsData`` or None (no visible bound device).

        One GROUP BY statement per distinct window in the batch. Every window of a request
        ends at the same instant (the loader's creation), so the numbers of one response agree.
        """
        ctx, now = self.ctx, datetime.now(UTC)

        async def batch(keys: list[tuple[str, str]]) -> list:
            pets_by_window: dict[str, list[str]] = defaultdict(list)
            for pet_id, window in keys:
                pets_by_window[window].append(pet_id)
            found = {}
            for window, pet_ids in pets_by_window.items():
                found.update(await _stats_of_window(ctx, window, pet_ids, now))
            return [found.get(key) for key in keys]
        return loader(batch)

    @cached_property
    def geofence_by_pet_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await repo.geofences_by_pet_ids(ctx.uow, ctx.principal, valid_uuids(keys))
            return one_per_key(rows, keys, str_attr("pet_id"))
        return loader(batch)


async def _stats_of_window(ctx, window: str, pet_ids: list[str], now: datetime) -> dict:
    """``{(pet_id, window): WearableStatsData}`` for the visible pets with a bound device."""
    since, until = stats.window_bounds(window, now)
    ids = valid_uuids(sorted(set(pet_ids)))
    if not ids:
        return {}
    rows = await repo.wearable_stats_by_pet_ids(ctx.uow, ctx.principal, ids, since, until,
                                                active_from=stats.ACTIVE_THRESHOLD)
    return {(str(row.pet_id), window): stats.wearable_stats(window, since, until, row)
            for row in rows}


LOADERS = ChronicCareLoaders
