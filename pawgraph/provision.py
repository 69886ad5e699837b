"""Store provisioning shared by `pawgraph dev`, `pawgraph db upgrade`, `pawgraph seed` and tests.

``migrate_all`` brings every SQL schema (accounts + SQL subgraphs) to head and creates the
profiles indexes. The demo data that follows is ``pawgraph.demo.seed`` (``seed_all``,
``is_seeded``).
"""

from __future__ import annotations

from pawgraph.settings import Settings
from persistence.migrations import SQL_SCHEMAS, upgrade
from subgraphs.registry import load


async def migrate_all(settings: Settings) -> None:
    if not settings.postgres.url:
        raise RuntimeError("PAWGRAPH_POSTGRES__URL is not set (pawgraph dev sets it)")
    for schema in SQL_SCHEMAS:
        await upgrade(settings.postgres.url, schema)
    profiles = load("profiles")
    await profiles.migrate(settings)

