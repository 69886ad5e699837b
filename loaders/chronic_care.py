"""chronic_care DataLoaders: one SQL statement per batch (per stats window for stats)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from aiodataloader import DataLoader

from loaders import loader, many_per_key, one_per_key, valid_uuids
from subgraphs.chronic_care import repository as repo
from subgraphs.chronic_care import service


def _sid(attr: str):
    return lambda row: str(getattr(row, attr))


def device_by_id(ctx) -> DataLoader:
    async def batch(keys):
        rows = await repo.devices_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return one_per_key(rows, keys, _sid("id"))
    return loader(batch)


def devices_by_pet_id(ctx) -> DataLoader:
    """Visible devices bound to each pet, most recently bound first."""
    async def batch(keys):
        rows = await repo.devices_by_pet_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return many_per_key(rows, keys, _sid("pet_id"))
    return loader(batch)


def care_plan_by_id(ctx) -> DataLoader:
    async def batch(keys):
        rows = await repo.care_plans_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return one_per_key(rows, keys, _sid("id"))
    return loader(batch)


def care_plans_by_pet_id(ctx) -> DataLoader:
    """Visible care plans of each pet, newest first."""
    async def batch(keys):
        rows = await repo.care_plans_by_pet_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return many_per_key(rows, keys, _sid("pet_id"))
    return loader(batch)


def wearable_stats_by_pet_id_window(ctx) -> DataLoader:
    """Keys ``(pet_id, window)`` -> ``WearableStatsData`` or None (no visible bound device).

    One GROUP BY statement per distinct window in the batch. Every window of a request ends
    at the same instant (the loader's creation), so the numbers of one response agree.
    """
    now = datetime.now(UTC)

    async def batch(keys):
        pets_by_window: dict[str, list[str]] = defaultdict(list)
        for pet_id, window in keys:
            pets_by_window[window].append(pet_id)
        found = {}
        for window, pet_ids in pets_by_window.items():
            since, until = service.window_bounds(window, now)
            ids = valid_uuids(sorted(set(pet_ids)))
            if not ids:
                continue
            rows = await repo.wearable_stats_by_pet_ids(ctx.uow, ctx.principal, ids, since,
                                                        until)
            for row in rows:
                found[(str(row.pet_id), window)] = service.wearable_stats(window, since, until, row)
        return [found.get(key) for key in keys]
    return loader(batch)


def geofence_by_pet_id(ctx) -> DataLoader:
    async def batch(keys):
        rows = await repo.geofences_by_pet_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return one_per_key(rows, keys, _sid("pet_id"))
    return loader(batch)


FACTORIES = {f.__name__: f for f in (device_by_id, devices_by_pet_id, care_plan_by_id,
                                     care_plans_by_pet_id, wearable_stats_by_pet_id_window,
                                     geofence_by_pet_id)}

LOADERS = FACTORIES
