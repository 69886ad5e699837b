"""What a subgraph reads of the platform's settings, as a Protocol (no import of the shell).

``pawgraph.settings.Settings`` (the composed pydantic settings) satisfies it; a subgraph's
``definition(settings)`` and its lifespans take this type, so the import runs one way:
the shell knows the subgraphs, never the reverse. A subgraph with settings of its own
extends it beside its code (``subgraphs.chronic_care.settings.ChronicCareSettings``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from auth.settings import AuthSettings
from persistence.settings import MongoSettings, PostgresSettings, RedisSettings


class SubgraphSettings(Protocol):
    @property
    def is_development(self) -> bool: ...

    @property
    def data_dir(self) -> Path: ...

    @property
    def postgres(self) -> PostgresSettings: ...

    @property
    def mongo(self) -> MongoSettings: ...

    @property
    def redis(self) -> RedisSettings: ...

    @property
    def auth(self) -> AuthSettings: ...
