"""appointments DataLoaders: one SQL statement per batch."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from aiodataloader import DataLoader

from loaders import loader, many_per_key, one_per_key, valid_uuids
from subgraphs.appointments import repository as repo


def _sid(attr: str):
    return lambda row: str(getattr(row, attr))


def clinic_by_id(ctx) -> DataLoader:
    async def batch(keys):
        return one_per_key(await repo.clinics_by_ids(ctx.uow, valid_uuids(keys)), keys, _sid("id"))
    return loader(batch)


def vet_by_id(ctx) -> DataLoader:
    async def batch(keys):
        return one_per_key(await repo.vets_by_ids(ctx.uow, valid_uuids(keys)), keys, _sid("id"))
    return loader(batch)


def vets_by_clinic_id(ctx) -> DataLoader:
    async def batch(keys):
        rows = await repo.vets_by_clinic_ids(ctx.uow, valid_uuids(keys))
        return many_per_key(rows, keys, _sid("clinic_id"))
    return loader(batch)


def appointment_by_id(ctx) -> DataLoader:
    async def batch(keys):
        rows = await repo.appointments_by_ids(ctx.uow, ctx.principal, valid_uuids(keys))
        return one_per_key(rows, keys, _sid("id"))
    return loader(batch)


def visits_by_pet_id(ctx) -> DataLoader:
    """Keys ``(pet_id, last)`` -> (the pet's ``last`` newest visible visits that have started,
    newest first; its earliest upcoming open appointment or None). ``Pet.visits`` and
    ``Pet.nextAppointment`` (which asks with ``last`` 0) share one statement per batch: the
    batch's largest ``last`` is read per pet, each key keeps its own prefix."""
    async def batch(keys):
        now = datetime.now(UTC)
        pet_ids = valid_uuids(list({pet_id for pet_id, _ in keys}))
        most = max(last for _, last in keys)
        rows = await repo.visits_around(ctx.uow, ctx.principal, pet_ids, most, now) \
            if pet_ids else []
        past: dict[str, list] = defaultdict(list)
        upcoming = {}
        for row in rows:
            if row.starts_at <= now:
                past[str(row.pet_id)].append(row)
            else:
                upcoming[str(row.pet_id)] = row
        return [(past[pet_id][:last], upcoming.get(pet_id)) for pet_id, last in keys]
    return loader(batch)


def status_history_by_appointment_id(ctx) -> DataLoader:
    """Status changes of each appointment, oldest first (callers have already seen it)."""
    async def batch(keys):
        rows = await repo.status_history(ctx.uow, valid_uuids(keys))
        return many_per_key(rows, keys, _sid("appointment_id"))
    return loader(batch)


FACTORIES = {f.__name__: f for f in (clinic_by_id, vet_by_id, vets_by_clinic_id,
                                     appointment_by_id, visits_by_pet_id,
                                     status_history_by_appointment_id)}

LOADERS = FACTORIES
