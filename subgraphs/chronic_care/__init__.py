"""chronic_care subgraph (PostgreSQL; MQTT ingestion to come): wearable devices and their
telemetry, care plans; extends ``Pet`` with ``devices``, ``carePlans`` and ``wearableStats``.

Package contract as in ``subgraphs.appointments``: ``NAME``, ``build_schema(dev)``,
``definition(settings)``, ``seed(world, settings)``.
"""

from __future__ import annotations

from pawgraph.settings import Settings
from subgraphs.shared.app import SubgraphDefinition

NAME = "chronic_care"


def build_schema(dev: bool = True):
    from subgraphs.chronic_care.queries import Query
    from subgraphs.chronic_care.types import CarePlan, Device, Pet
    from subgraphs.shared.schema import build_schema as build

    return build(Query, types=[Device, CarePlan, Pet], dev=dev)


def definition(settings: Settings):
    from loaders.chronic_care import FACTORIES
    from subgraphs.shared.resources import sql_lifespan

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              sql_lifespan(settings), FACTORIES)


async def seed(world, settings: Settings) -> dict[str, int]:
    from subgraphs.chronic_care.seed import seed as run

    return await run(world, settings.postgres.url)
