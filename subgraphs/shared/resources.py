"""Lifespans that open a subgraph's store clients (engines/pools are made here, never at import)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from starlette.applications import Starlette

from persistence import mongo, postgres
from persistence import redis as redis_store
from subgraphs.shared.settings import SubgraphSettings


def sql_lifespan(settings: SubgraphSettings, *, use_redis: bool = False
                 ) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    """app.state.engine (SQLAlchemy async engine), app.state.sql (StatementCounter), app.state.redis."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not settings.postgres.url:
            raise RuntimeError("PAWGRAPH_POSTGRES__URL is not set (pawgraph dev sets it)")
        engine, counter = postgres.create_engine(settings.postgres.url,
                                                 pool_size=settings.postgres.pool_size)
        app.state.engine, app.state.sql = engine, counter
        app.state.redis = redis_store.create_client(settings.redis.url) if (
            use_redis and settings.redis.url) else None
        app.state.redis_prefix = settings.redis.key_prefix
        try:
            yield
        finally:
            if app.state.redis is not None:
                await app.state.redis.aclose()
            await engine.dispose()

    return lifespan


def mongo_lifespan(settings: SubgraphSettings) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    """app.state.mongo (database handle), app.state.mongo_commands (CommandCounter)."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not settings.mongo.url:
            raise RuntimeError("PAWGRAPH_MONGO__URL is not set (pawgraph dev sets it)")
        client, counter = mongo.create_client(settings.mongo.url)
        app.state.mongo = client[settings.mongo.database]
        app.state.mongo_commands = counter
        app.state.engine = None
        try:
            yield
        finally:
            await client.close()

    return lifespan
