"""Writes the demo world's clinics, vets and appointments."""

from __future__ import annotations

from datetime import timedelta

from pawgraph.demo import World
from subgraphs.appointments.service import geohash
from subgraphs.shared.seeding import copy_rows

SCHEMA = "appointments"


async def seed(world: World, url: str) -> dict[str, int]:
    counts = {}
    counts["clinic"] = await copy_rows(
        url, SCHEMA, "clinic",
        ["id", "name", "address", "city", "latitude", "longitude", "geohash", "phone", "services"],
        [(c.id, c.name, c.address, c.city, c.latitude, c.longitude,
          geohash(c.latitude, c.longitude), c.phone, c.services) for c in world.clinics])
    counts["vet"] = await copy_rows(
        url, SCHEMA, "vet", ["id", "clinic_id", "name", "specialities", "account_id"],
        [(v.id, v.clinic_id, v.name, v.specialities, v.account_id) for v in world.vets])
    counts["appointment"] = await copy_rows(
        url, SCHEMA, "appointment",
        ["id", "pet_id", "owner_id", "clinic_id", "vet_id", "kind", "status", "starts_at",
         "ends_at", "reason"],
        [(a.id, a.pet_id, a.owner_id, a.clinic_id, a.vet_id, a.kind, a.status, a.starts_at,
          a.starts_at + timedelta(minutes=a.duration_minutes), a.reason)
         for a in world.appointments])
    return counts
