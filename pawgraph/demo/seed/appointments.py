"""Writes the demo world's clinics, vets (with their working weeks), pet owners and
appointments, and publishes the care directory (clinic -> pets with a visit there) to Redis
for the other subgraphs' staff rules (``auth.access``)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from auth.access import record_visits
from pawgraph.demo import World
from pawgraph.demo.seed.common import copy_rows, postgres_url
from pawgraph.settings import Settings
from persistence.redis import create_client
from subgraphs.appointments.service.geo import geohash
from subgraphs.appointments.service.schedule import default_week

SCHEMA = "appointments"


async def seed(world: World, settings: Settings) -> dict[str, int]:
    url = postgres_url(settings)
    counts = {}
    counts["clinic"] = await copy_rows(
        url, SCHEMA, "clinic",
        ["id", "name", "address", "city", "latitude", "longitude", "geohash", "phone", "services"],
        [(c.id, c.name, c.address, c.city, c.latitude, c.longitude,
          geohash(c.latitude, c.longitude), c.phone, c.services) for c in world.clinics])
    counts["vet"] = await copy_rows(
        url, SCHEMA, "vet", ["id", "clinic_id", "name", "specialities", "account_id"],
        [(v.id, v.clinic_id, v.name, v.specialities, v.account_id) for v in world.vets])
    services = {c.id: c.services for c in world.clinics}
    shifts = [shift for i, v in enumerate(world.vets)
              for shift in default_week(i, v.id, services[v.clinic_id])]
    counts["vet_shift"] = await copy_rows(
        url, SCHEMA, "vet_shift", ["id", "vet_id", "weekday", "starts", "ends", "kinds"],
        [(str(uuid.uuid5(uuid.NAMESPACE_URL, f"vet_shift:{s.vet_id}:{s.weekday}:{s.starts}")),
          s.vet_id, s.weekday, s.starts, s.ends, list(s.kinds)) for s in shifts])
    counts["patient"] = await copy_rows(url, SCHEMA, "patient", ["pet_id", "owner_id"],
                                        [(p.id, p.owner_id) for p in world.pets])
    counts["appointment"] = await copy_rows(
        url, SCHEMA, "appointment",
        ["id", "pet_id", "owner_id", "clinic_id", "vet_id", "kind", "status", "starts_at",
         "ends_at", "reason"],
        [(a.id, a.pet_id, a.owner_id, a.clinic_id, a.vet_id, a.kind, a.status, a.starts_at,
          a.starts_at + timedelta(minutes=a.duration_minutes), a.reason)
         for a in world.appointments])
    counts["care_directory"] = await _publish_care_directory(world, settings)
    return counts


async def _publish_care_directory(world: World, settings: Settings) -> int:
    """clinic -> pets with a visit there, for the other subgraphs' staff rules (auth.access)."""
    if not settings.redis.url:
        return 0
    redis = create_client(settings.redis.url)
    try:
        return await record_visits(redis, settings.redis.key_prefix,
                                   ((a.clinic_id, a.pet_id) for a in world.appointments))
    finally:
        await redis.aclose()
