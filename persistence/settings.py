"""The stores' settings slices (``PAWGRAPH_POSTGRES__*``, ``PAWGRAPH_MONGO__*``,
``PAWGRAPH_REDIS__*``); ``pawgraph.settings.Settings`` composes them. Unset URLs: ``pawgraph
dev`` and the test suite start the embedded server (``persistence.embedded``).
"""

from __future__ import annotations

from pydantic import BaseModel


class PostgresSettings(BaseModel):
    url: str | None = None
    pool_size: int = 5


class MongoSettings(BaseModel):
    url: str | None = None
    database: str = "pawgraph_profiles"


class RedisSettings(BaseModel):
    url: str | None = None
    key_prefix: str = "pawgraph:"
