"""Store provisioning shared by `pawgraph dev`, `pawgraph db upgrade`, `pawgraph seed` and tests.

``migrate_all`` brings every SQL schema (accounts + SQL subgraphs) to head and creates the
profiles indexes; ``seed_all`` loads the deterministic demo world into every store once
(``is_seeded`` looks at the accounts table).
"""

from __future__ import annotations

import asyncio
import logging

from pawgraph.demo import World, build_world
from pawgraph.settings import Settings
from persistence.migrations import SQL_SCHEMAS, upgrade
from subgraphs.registry import SUBGRAPHS, load

log = logging.getLogger(__name__)


async def migrate_all(settings: Settings) -> None:
    for schema in SQL_SCHEMAS:
        await upgrade(settings.postgres.url, schema)
    profiles = load("profiles")
    await profiles.migrate(settings)


async def is_seeded(settings: Settings) -> bool:
    import asyncpg

    from persistence.postgres import plain_url

    conn = await asyncpg.connect(plain_url(settings.postgres.url))
    try:
        return bool(await conn.fetchval("SELECT EXISTS (SELECT 1 FROM accounts.account)"))
    finally:
        await conn.close()


async def seed_all(settings: Settings, world: World | None = None) -> dict[str, dict[str, int]]:
    from auth.seed import seed as seed_accounts

    world = world or build_world()
    counts = {"accounts": await seed_accounts(world, settings.postgres.url)}
    results = await asyncio.gather(*(load(name).seed(world, settings) for name in SUBGRAPHS))
    for name, result in zip(SUBGRAPHS, results):  # the accounts subgraph adds to auth's rows
        counts[name] = {**counts.get(name, {}), **result}
    return counts
