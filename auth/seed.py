"""Writes the demo world's accounts."""

from __future__ import annotations

from pawgraph.demo import World
from subgraphs.shared.seeding import copy_rows


async def seed(world: World, url: str) -> dict[str, int]:
    rows = [(a.id, a.email, a.display_name, a.roles, a.clinic_id) for a in world.accounts]
    n = await copy_rows(url, "accounts", "account",
                        ["id", "email", "display_name", "roles", "clinic_id"], rows)
    return {"account": n}
