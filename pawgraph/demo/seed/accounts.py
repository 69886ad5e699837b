"""Writes the demo world's accounts (every one with the demo password, hashed once)."""

from __future__ import annotations

from auth.passwords import hash_password
from pawgraph.demo import DEMO_PASSWORD, World
from pawgraph.demo.seed.common import copy_rows, postgres_url
from pawgraph.settings import Settings


async def seed(world: World, settings: Settings) -> dict[str, int]:
    url = postgres_url(settings)
    password_hash = hash_password(DEMO_PASSWORD)
    rows = [(a.id, a.email, a.display_name, a.roles, a.clinic_id, password_hash)
            for a in world.accounts]
    n = await copy_rows(url, "accounts", "account",
                        ["id", "email", "display_name", "roles", "clinic_id", "password_hash"],
                        rows)
    return {"account": n}
