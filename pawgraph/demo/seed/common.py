"""Bulk loading for demo data: PostgreSQL COPY through asyncpg (fast, one round trip per table),
and the configured store URLs the seed writes to."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from pawgraph.settings import Settings
from persistence.postgres import plain_url


def postgres_url(settings: Settings) -> str:
    """The PostgreSQL URL the seed writes to (stores are started or configured before)."""
    return _configured("PAWGRAPH_POSTGRES__URL", settings.postgres.url)


def mongo_url(settings: Settings) -> str:
    return _configured("PAWGRAPH_MONGO__URL", settings.mongo.url)


def _configured(variable: str, url: str | None) -> str:
    if not url:
        raise ValueError(f"the demo seed needs a store: {variable} is not set")
    return url


async def copy_rows(url: str, schema: str, table: str, columns: Sequence[str],
                    rows: Iterable[Sequence]) -> int:
    import asyncpg

    records = [tuple(uuid.UUID(v) if _is_uuid(c, v) else v for c, v in zip(columns, row))
               for row in rows]
    conn = await asyncpg.connect(plain_url(url))
    try:
        await conn.copy_records_to_table(table, records=records, columns=list(columns),
                                         schema_name=schema)
    finally:
        await conn.close()
    return len(records)


def _is_uuid(column: str, value: object) -> bool:
    return isinstance(value, str) and (column == "id" or column.endswith("_id"))
