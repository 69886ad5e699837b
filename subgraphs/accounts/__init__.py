"""accounts subgraph (PostgreSQL schema ``accounts``): sign-up, sign-in, token refresh with
rotation and reuse detection, sign-out; the ``Account`` entity.

Like every SQL subgraph it owns its tables (``models``: accounts, refresh tokens, the admin
audit log) and their migrations (``migrations/``, version table ``accounts.alembic_version``).
``auth`` keeps what every part needs - token issuing and verification, keys, principals,
scopes, passwords, rate limits, grants, cross-domain access rules and the audit log's API -
and never imports this package; the registry (``subgraphs.registry.create_app``) hands the
audit log this package's writer (``repository.audit.append_entries``).
Login and registration are rate limited in Redis per account and per client address (the
router puts the address it saw into the identity token), failing closed without Redis.

Layout (the subgraph package contract): ``types``/``inputs``/``payloads``/``queries``/
``mutations`` (``subscriptions``: none; ``context`` types the DataLoaders of
``loaders.accounts``) -> ``service`` (sessions, registration) -> ``repository`` (accounts,
refresh tokens, audit) -> ``models``/``migrations``; ``errors`` (``AccountErrorCode``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from subgraphs.shared.app import SubgraphDefinition
from subgraphs.shared.settings import SubgraphSettings

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
