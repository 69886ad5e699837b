"""Writes the demo world's consultations."""

from __future__ import annotations

from pawgraph.demo import World
from pawgraph.demo.seed.common import copy_rows, postgres_url
from pawgraph.settings import Settings

SCHEMA = "telehealth"


async def seed(world: World, settings: Settings) -> dict[str, int]:
    url = postgres_url(settings)
    return {"consultation": await copy_rows(
        url, SCHEMA, "consultation",
        ["id", "pet_id", "owner_id", "vet_id", "status", "scheduled_at", "topic"],
        [(c.id, c.pet_id, c.owner_id, c.vet_id, c.status, c.scheduled_at, c.topic)
         for c in world.consultations])}
