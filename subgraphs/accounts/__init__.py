"""accounts subgraph (PostgreSQL schema ``accounts``, owned by ``auth``): sign-up, sign-in,
token refresh with rotation and reuse detection, sign-out; the ``Account`` entity.

The tables and their migrations live in ``auth`` (``auth.models``, ``auth/migrations``) because
the token machinery needs them too; this package is their GraphQL surface and business rules.
Login and registration are rate limited in Redis per account and per client address (the
router puts the address it saw into the identity token), failing closed without Redis.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from subgraphs.shared.settings import SubgraphSettings
from subgraphs.shared.app import SubgraphDefinition

NAME = "accounts"


def build_schema(dev: bool = True):
    from subgraphs.accounts.mutations import Mutation
    from subgraphs.accounts.queries import Query
    from subgraphs.accounts.types import Account
    from subgraphs.shared.schema import build_schema as build

    return build(Query, mutation=Mutation, types=[Account], dev=dev)


def _lifespan(settings: SubgraphSettings):
    from auth.keys import load_key
    from auth.tokens import TokenIssuer
    from subgraphs.shared.resources import sql_lifespan

    base = sql_lifespan(settings, use_redis=True)

    @asynccontextmanager
    async def lifespan(app) -> AsyncIterator[None]:
        async with base(app):
            app.state.token_issuer = TokenIssuer(
                load_key(settings, "issuer"), issuer=settings.auth.issuer,
                audience=settings.auth.audience,
                ttl_seconds=settings.auth.access_token_ttl_seconds)
            app.state.redis_prefix = settings.redis.key_prefix
            yield

    return lifespan


def definition(settings: SubgraphSettings, loaders) -> SubgraphDefinition:

    return SubgraphDefinition(NAME, build_schema(settings.is_development), _lifespan(settings),
                              loaders)
