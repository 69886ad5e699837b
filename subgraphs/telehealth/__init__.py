"""telehealth subgraph (PostgreSQL): video consultations; extends ``Pet.consultations``.

Walking-skeleton slice: ``Consultation`` reads, the ``Pet`` extension and the demo seed.
Messages, triage and live status come later. Exposes ``NAME``, ``build_schema(dev)``,
``definition(settings)`` and ``seed(world, settings)`` like every subgraph package.
"""

from __future__ import annotations

from pawgraph.settings import Settings
from subgraphs.shared.app import SubgraphDefinition

NAME = "telehealth"


def build_schema(dev: bool = True):
    from subgraphs.shared.schema import build_schema as build
    from subgraphs.telehealth.queries import Query
    from subgraphs.telehealth.types import Consultation, Pet, Vet

    return build(Query, types=[Consultation, Pet, Vet], dev=dev)


def definition(settings: Settings):
    from loaders.telehealth import FACTORIES
    from subgraphs.shared.resources import sql_lifespan

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              sql_lifespan(settings), FACTORIES)


async def seed(world, settings: Settings) -> dict[str, int]:
    from subgraphs.telehealth.seed import seed as run

    return await run(world, settings.postgres.url)
