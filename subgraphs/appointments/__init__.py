"""appointments subgraph (PostgreSQL + Redis): clinics, vets, appointments; ``Pet.visits``.

Every subgraph package exposes ``NAME``, ``build_schema(dev)``, ``definition(settings)`` and
``seed(world, settings)``; ``subgraphs.shared.app.create_app(name, settings)`` builds the ASGI
app with the common request path (identity check, unit of work).
"""

from __future__ import annotations

from pawgraph.settings import Settings
from subgraphs.shared.app import SubgraphDefinition

NAME = "appointments"


def build_schema(dev: bool = True):
    from subgraphs.appointments.mutations import Mutation
    from subgraphs.appointments.queries import Query
    from subgraphs.appointments.subscriptions import Subscription
    from subgraphs.appointments.types import Appointment, Clinic, Pet, Vet
    from subgraphs.shared.schema import build_schema as build

    return build(Query, mutation=Mutation, subscription=Subscription,
                 types=[Clinic, Vet, Appointment, Pet], dev=dev)


def definition(settings: Settings):
    from loaders.appointments import FACTORIES
    from subgraphs.shared.resources import sql_lifespan

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              sql_lifespan(settings, use_redis=True), FACTORIES)


async def seed(world, settings: Settings) -> dict[str, int]:
    from subgraphs.appointments.seed import seed as run

    return await run(world, settings.postgres.url)
