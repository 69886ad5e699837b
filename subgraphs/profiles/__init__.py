"""profiles subgraph (MongoDB): owners, pets, medical records.

Same package contract as every subgraph (see ``subgraphs.appointments``), plus ``migrate``
which creates the MongoDB indexes.
"""

from __future__ import annotations

from pawgraph.settings import Settings
from subgraphs.shared.app import SubgraphDefinition

NAME = "profiles"


def build_schema(dev: bool = True):
    from subgraphs.profiles.queries import Query
    from subgraphs.profiles.types import Owner, Pet
    from subgraphs.shared.schema import build_schema as build

    return build(Query, types=[Owner, Pet], dev=dev)


def definition(settings: Settings) -> SubgraphDefinition:
    from loaders.profiles import FACTORIES
    from subgraphs.shared.resources import mongo_lifespan

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              mongo_lifespan(settings), FACTORIES)


async def migrate(settings: Settings) -> None:
    from persistence.mongo import create_client
    from subgraphs.profiles.repository import ensure_indexes

    client, _ = create_client(settings.mongo.url)
    try:
        await ensure_indexes(client[settings.mongo.database])
    finally:
        await client.close()


async def seed(world, settings: Settings) -> dict[str, int]:
    from subgraphs.profiles.seed import seed as run

    return await run(world, settings.mongo.url, settings.mongo.database)
