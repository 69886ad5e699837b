"""PostgreSQL through SQLModel/SQLAlchemy on asyncpg.

One database per deployment; each subgraph owns one PostgreSQL schema named after it
(``appointments``, ``chronic_care``, ...) and no SQL crosses schemas. Engines are created in
an app's lifespan. Every engine counts the statements it sends (``StatementCounter``) so
tests can pin SQL cost per operation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import event
from sqlalchemy.engine import Connection, ExecutionContext
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine


def async_url(url: str) -> str:
    """``postgresql://...`` -> ``postgresql+asyncpg://...`` (SQLAlchemy's asyncpg dialect)."""
    scheme, rest = url.split("://", 1)
    return f"postgresql+asyncpg://{rest}" if scheme in {"postgres", "postgresql"} else url


def plain_url(url: str) -> str:
    """The libpq/asyncpg form of a URL (drops a ``+driver`` suffix)."""
    scheme, rest = url.split("://", 1)
    return f"{scheme.split('+', 1)[0]}://{rest}"


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


async def ensure_database(url: str, database: str) -> str:
    """Create ``database`` on the server of ``url`` if missing; return its URL."""
    import asyncpg

    conn = await asyncpg.connect(plain_url(url))
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{database}"')
    finally:
        await conn.close()
    return with_database(url, database)


async def drop_database(url: str, database: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(plain_url(url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    finally:
        await conn.close()


@dataclass
class StatementCounter:
    """Counts SQL statements sent by one engine (total and by first keyword)."""

    total: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)

    def attach(self, engine: AsyncEngine) -> None:
        @event.listens_for(engine.sync_engine, "before_cursor_execute")
        # SQLAlchemy's before_cursor_execute signature; only ``statement`` is used.
        def _count(conn: Connection, cursor: Any, statement: str, parameters: Any,
                   context: ExecutionContext | None, executemany: bool) -> None:
            self.total += 1
            self.by_kind[statement.lstrip().split(None, 1)[0].upper()] += 1


def create_engine(url: str, *, pool_size: int = 5) -> tuple[AsyncEngine, StatementCounter]:
    engine = create_async_engine(async_url(url), pool_size=pool_size, max_overflow=pool_size,
                                 pool_pre_ping=False)
    counter = StatementCounter()
    counter.attach(engine)
    return engine, counter
