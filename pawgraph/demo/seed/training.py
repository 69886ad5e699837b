"""Writes the demo world's training plans."""

from __future__ import annotations

from pawgraph.demo import World
from pawgraph.demo.seed.common import copy_rows, postgres_url
from pawgraph.settings import Settings

SCHEMA = "training"


async def seed(world: World, settings: Settings) -> dict[str, int]:
    url = postgres_url(settings)
    owners = {p.id: p.owner_id for p in world.pets}
    count = await copy_rows(
        url, SCHEMA, "training_plan",
        ["id", "pet_id", "owner_id", "kind", "title", "status", "started_on",
         "sessions_per_week", "completed_sessions", "target_sessions"],
        [(t.id, t.pet_id, owners[t.pet_id], t.kind, t.title, t.status, t.started_on,
          t.sessions_per_week, t.completed_sessions, t.target_sessions)
         for t in world.training_plans])
    return {"training_plan": count}
