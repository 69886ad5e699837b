"""chronic_care subgraph (PostgreSQL; MQTT ingestion to come): wearable devices and their
telemetry, care plans; extends ``Pet`` with ``devices``, ``carePlans`` and ``wearableStats``.
Alerts (fever, tachycardia) are raised from samples (``telemetryIngest``, internal) and
streamed live by ``petAlertRaised`` over Redis events.

Package contract as in ``subgraphs.appointments``: ``NAME``, ``build_schema(dev)``,
``definition(settings)``, ``seed(world, settings)``.
"""

from __future__ import annotations

from pawgraph.settings import Settings
from subgraphs.shared.app import SubgraphDefinition

NAME = "chronic_care"


def build_schema(dev: bool = True):
    from subgraphs.chronic_care.mutations import Mutation
    from subgraphs.chronic_care.queries import Query
    from subgraphs.chronic_care.subscriptions import Subscription
    from subgraphs.chronic_care.types import Alert, CarePlan, Device, Pet
    from subgraphs.shared.schema import build_schema as build

    return build(Query, mutation=Mutation, subscription=Subscription,
                 types=[Device, CarePlan, Pet, Alert], dev=dev)


def definition(settings: Settings):
    from loaders.chronic_care import FACTORIES
    from subgraphs.shared.resources import sql_lifespan

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              sql_lifespan(settings, use_redis=True), FACTORIES)


async def seed(world, settings: Settings) -> dict[str, int]:
    from subgraphs.chronic_care.seed import seed as run

    return await run(world, settings.postgres.url)
