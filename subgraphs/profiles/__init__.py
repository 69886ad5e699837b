"""profiles subgraph (MongoDB + Redis): owners, pets, medical records; sharing a pet.

Pets (``service.pets``): ``petRegister``/``petUpdate``/``petWeightRecord``; each registration
is added to the durable ``pets`` stream (``persistence.streams``) that appointments consumes;
``pets_relay`` is the background worker adding the entries Redis refused.

Sharing (``service.sharing``): emergency QR links (``petEmergencyLinkCreate``/``Revoke``, read
anonymously with ``emergencySummary(token)``) and access grants to co-owners and sitters
(``petAccessGrant``/``Revoke``, published to every subgraph through ``auth.grants``).

Same package contract as every subgraph (see ``subgraphs.appointments``), plus ``migrate``
which creates the MongoDB indexes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from subgraphs.shared.app import SubgraphDefinition
from subgraphs.shared.settings import SubgraphSettings

NAME = "profiles"


def build_schema(dev: bool = True):
    from subgraphs.profiles.mutations import Mutation
    from subgraphs.profiles.queries import Query
    from subgraphs.profiles.types import Owner, Pet
    from subgraphs.shared.schema import build_schema as build

    return build(Query, mutation=Mutation, types=[Owner, Pet], dev=dev)


def _lifespan(settings: SubgraphSettings):
    """MongoDB, plus Redis (emergency rate limits, the grants directory of ``auth.grants``,
    the ``pets`` stream: ``pets_relay`` adds entries Redis refused at registration)."""
    from persistence.redis import create_client
    from subgraphs.profiles.pets_relay import PetsRelay
    from subgraphs.shared.resources import mongo_lifespan

    base = mongo_lifespan(settings)

    @asynccontextmanager
    async def lifespan(app) -> AsyncIterator[None]:
        async with base(app):
            app.state.redis = create_client(settings.redis.url) if settings.redis.url else None
            app.state.redis_prefix = settings.redis.key_prefix
            app.state.emergency_link_base_url = settings.auth.emergency_link_base_url
            relay = None
            if app.state.redis is not None:
                relay = PetsRelay(app.state)
                await relay.announce()  # before serving: leftovers of a process that died
                relay.start()
            try:
                yield
            finally:
                if relay is not None:
                    await relay.stop()
                if app.state.redis is not None:
                    await app.state.redis.aclose()

    return lifespan


def definition(settings: SubgraphSettings, loaders) -> SubgraphDefinition:

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              _lifespan(settings), loaders)


async def migrate(settings: SubgraphSettings) -> None:
    from persistence.mongo import create_client
    from subgraphs.profiles.repository import ensure_indexes

    if not settings.mongo.url:
        raise RuntimeError("PAWGRAPH_MONGO__URL is not set (pawgraph dev sets it)")
    client, _ = create_client(settings.mongo.url)
    try:
        await ensure_indexes(client[settings.mongo.database])
    finally:
        await client.close()
