"""The demo seed (``pawgraph seed``, ``pawgraph dev`` on a fresh store, the test session):
writes the deterministic demo world (``pawgraph.demo.build_world``) into every store, once.

One module per part, each ``seed(world, settings) -> {table: rows}`` writing only its own
schema: ``accounts`` first (the other parts' owners and vets sign in with those rows), then
the seven domains concurrently. Rows go in with PostgreSQL COPY (``common.copy_rows``) or,
for profiles, MongoDB ``insert_many``; this is demo data for an empty store, so it writes
directly instead of going through the subgraphs' repositories.
"""

from __future__ import annotations

import asyncio

from pawgraph.demo import World, build_world
from pawgraph.demo.seed import accounts, appointments, chronic_care, commerce, payments, profiles, telehealth, training
from pawgraph.demo.seed.common import postgres_url
from pawgraph.settings import Settings

# in the registry's order (subgraphs.registry.SUBGRAPHS); accounts is written first, apart
DOMAINS = {"profiles": profiles, "appointments": appointments, "telehealth": telehealth,
           "commerce": commerce, "chronic_care": chronic_care, "training": training,
           "payments": payments}


async def is_seeded(settings: Settings) -> bool:
    """True once the accounts table has a row (the seed writes accounts before the rest)."""
    import asyncpg

    from persistence.postgres import plain_url

    conn = await asyncpg.connect(plain_url(postgres_url(settings)))
    try:
        return bool(await conn.fetchval("SELECT EXISTS (SELECT 1 FROM accounts.account)"))
    finally:
        await conn.close()


async def seed_all(settings: Settings, world: World | None = None) -> dict[str, dict[str, int]]:
    """Every store's part of ``world`` (``build_world()`` when None): rows written per part."""
    world = world or build_world()
    counts = {"accounts": await accounts.seed(world, settings)}
    results = await asyncio.gather(*(part.seed(world, settings) for part in DOMAINS.values()))
    counts.update(zip(DOMAINS, results))
    return counts
