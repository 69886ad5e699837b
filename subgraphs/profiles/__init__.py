"""profiles subgraph (MongoDB + Redis): owners, pets, medical records; sharing a pet.

Pets (``pets.py``): ``petRegister``/``petUpdate``/``petWeightRecord``; each registration is
added to the durable ``pets`` stream (``persistence.streams``) that appointments consumes.

Sharing (``sharing.py``): emergency QR links (``petEmergencyLinkCreate``/``Revoke``, read
anonymously with ``emergencySummary(token)``) and access grants to co-owners and sitters
(``petAccessGrant``/``Revoke``, published to every subgraph through ``auth.grants``).

Same package contract as every subgraph (see ``subgraphs.appointments``), plus ``migrate``
which creates the MongoDB indexes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from subgraphs.shared.settings import SubgraphSettings
from persistence.tasks import stop_task
from subgraphs.shared.app import SubgraphDefinition

NAME = "profiles"
log = logging.getLogger(__name__)


def build_schema(dev: bool = True):
    from subgraphs.profiles.mutations import Mutation
    from subgraphs.profiles.queries import Query
    from subgraphs.profiles.types import Owner, Pet
    from subgraphs.shared.schema import build_schema as build

    return build(Query, mutation=Mutation, types=[Owner, Pet], dev=dev)


def _lifespan(settings: SubgraphSettings):
    """MongoDB, plus Redis (emergency rate limits, the grants directory of ``auth.grants``,
    the ``pets`` stream: a relay task adds entries Redis refused at registration)."""
    from persistence.redis import create_client
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
                await _announce(app.state)  # before serving: leftovers of a process that died
                relay = asyncio.create_task(_relay(app.state))
            try:
                yield
            finally:
                await stop_task(relay)
                if app.state.redis is not None:
                    await app.state.redis.aclose()

    return lifespan


async def _announce(state) -> None:
    from pymongo.errors import PyMongoError

    from subgraphs.profiles.pets import announce_pending

    state.pets_unannounced = False
    try:
        done = await announce_pending(state.mongo, state.redis, state.redis_prefix)
    except PyMongoError as exc:
        log.warning("pets stream relay: %s", exc)
        done = None
    if done is None:  # try again in RELAY_SECONDS
        state.pets_unannounced = True


async def _relay(state) -> None:
    """Add the stream entries Redis refused: at start (``_announce``: a process may have died
    with some), then only after this process saw a refusal (``pets.PetService`` sets
    ``state.pets_unannounced``) - no polling of MongoDB otherwise."""
    from subgraphs.profiles.pets import RELAY_SECONDS

    while True:
        await asyncio.sleep(RELAY_SECONDS)
        if state.pets_unannounced:
            await _announce(state)


def definition(settings: SubgraphSettings, loaders) -> SubgraphDefinition:

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              _lifespan(settings), loaders)


async def migrate(settings: SubgraphSettings) -> None:
    from persistence.mongo import create_client
    from subgraphs.profiles.repository import ensure_indexes

    client, _ = create_client(settings.mongo.url)
    try:
        await ensure_indexes(client[settings.mongo.database])
    finally:
        await client.close()
