"""appointments DataLoaders: one SQL statement per batch (``subgraphs.appointments.context``
declares them for the resolvers)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from functools import cached_property

from aiodataloader import DataLoader

from loaders import RequestLoaders, loader, many_per_key, one_per_key, str_attr, valid_uuids
from subgraphs.appointments.repository import appointments as appointments_repo
from subgraphs.appointments.repository import clinics as clinics_repo
from subgraphs.appointments.service.lifecycle import OPEN_STATUSES


class AppointmentsLoaders(RequestLoaders):
    @cached_property
    def clinic_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await clinics_repo.clinics_by_ids(ctx.uow, valid_uuids(keys))
            return one_per_key(rows, keys, str_attr("id"))
        return loader(batch)

    @cached_property
    def vet_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await clinics_repo.vets_by_ids(ctx.uow, valid_uuids(keys))
            return one_per_key(rows, keys, str_attr("id"))
        return loader(batch)

    @cached_property
    def vets_by_clinic_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await clinics_repo.vets_by_clinic_ids(ctx.uow, valid_uuids(keys))
            return many_per_key(rows, keys, str_attr("clinic_id"))
        return loader(batch)

    @cached_property
    def appointment_by_id(self) -> DataLoader:
        ctx = self.ctx

        async def batch(keys):
            rows = await appointments_repo.appointments_by_ids(ctx.uow, ctx.principal,
                                                               valid_uuids(keys))
            return one_per_key(rows, keys, str_attr("id"))
        return loader(batch)

    @cached_property
    def visits_by_pet_id(self) -> DataLoader:
        """Keys ``(pet_id, last)`` -> (the pet's ``last`` newest visible visits that have
        started, newest first; its earliest upcoming open appointment or None).
        ``Pet.visits`` and ``Pet.nextAppointment`` (which asks with ``last`` 0) share one
        statement per batch: the batch's largest ``last`` is read per pet, each key keeps its
        own prefix."""
        ctx = self.ctx

        async def batch(keys):
            now = datetime.now(UTC)
            pet_ids = valid_uuids(list({pet_id for pet_id, _ in keys}))
            most = max(last for _, last in keys)
            rows = await appointments_repo.visits_around(
                ctx.uow, ctx.principal, pet_ids, most, now, OPEN_STATUSES) if pet_ids else []
            past: dict[str, list] = defaultdict(list)
            upcoming = {}
            for row in rows:
                if row.starts_at <= now:
                    past[str(row.pet_id)].append(row)
                else:
                    upcoming[str(row.pet_id)] = row
            return [(past[pet_id][:last], upcoming.get(pet_id)) for pet_id, last in keys]
        return loader(batch)

    @cached_property
    def status_history_by_appointment_id(self) -> DataLoader:
        """Status changes of each appointment, oldest first (callers have already seen it)."""
        ctx = self.ctx

        async def batch(keys):
            rows = await appointments_repo.status_history(ctx.uow, valid_uuids(keys))
            return many_per_key(rows, keys, str_attr("appointment_id"))
        return loader(batch)


LOADERS = AppointmentsLoaders
