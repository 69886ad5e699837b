"""telehealth subgraph (PostgreSQL): video consultations; extends ``Pet.consultations``.

``Consultation`` reads, the ``Pet`` extension, chat (``consultationMessageSend``) and status
(``consultationStart`` / ``consultationEnd``) live over Redis events
(``consultationMessageAdded``, ``consultationStatusChanged``). Triage
comes later. Exposes ``NAME``, ``build_schema(dev)``,
``definition(settings, loaders)`` like every subgraph package.
"""

from __future__ import annotations

from subgraphs.shared.app import SubgraphDefinition
from subgraphs.shared.settings import SubgraphSettings

NAME = "telehealth"


def build_schema(dev: bool = True):
    from subgraphs.shared.schema import build_schema as build
    from subgraphs.telehealth.mutations import Mutation
    from subgraphs.telehealth.queries import Query
    from subgraphs.telehealth.subscriptions import Subscription
    from subgraphs.telehealth.types import Consultation, Message, Pet, Vet

    return build(Query, mutation=Mutation, subscription=Subscription,
                 types=[Consultation, Message, Pet, Vet], dev=dev)


def definition(settings: SubgraphSettings, loaders):
    from subgraphs.shared.resources import sql_lifespan

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              sql_lifespan(settings, use_redis=True), loaders)
