"""training subgraph (PostgreSQL): training plans; extends ``Pet`` with ``trainingPlans``.

Package contract as in ``subgraphs.appointments``: ``NAME``, ``build_schema(dev)``,
``definition(settings, loaders)``.
"""

from __future__ import annotations

from subgraphs.shared.app import SubgraphDefinition
from subgraphs.shared.settings import SubgraphSettings

NAME = "training"


def build_schema(dev: bool = True):
    from subgraphs.shared.schema import build_schema as build
    from subgraphs.training.queries import Query
    from subgraphs.training.types import Pet, TrainingPlan

    return build(Query, types=[TrainingPlan, Pet], dev=dev)


def definition(settings: SubgraphSettings, loaders):
    from subgraphs.shared.resources import sql_lifespan

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              sql_lifespan(settings), loaders)
