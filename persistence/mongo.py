"""MongoDB through pymongo's native ``AsyncMongoClient``.

The client is created in the profiles subgraph's lifespan. ``CommandCounter`` is a real
pymongo command listener that counts the commands sent, so tests can pin store cost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pymongo import AsyncMongoClient, monitoring


@dataclass
class CommandCounter(monitoring.CommandListener):
    total: int = 0
    by_name: Counter[str] = field(default_factory=Counter)

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if event.command_name in {"ping", "hello", "isMaster", "ismaster", "endSessions"}:
            return
        self.total += 1
        self.by_name[event.command_name] += 1

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        """Not counted (only started commands are); the listener interface requires it."""

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        """Not counted (only started commands are); the listener interface requires it."""


def create_client(url: str) -> tuple[AsyncMongoClient[dict[str, Any]], CommandCounter]:
    counter = CommandCounter()
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        url, event_listeners=[counter], tz_aware=True, uuidRepresentation="standard")
    return client, counter


async def drop_database(url: str, database: str) -> None:
    client, _ = create_client(url)
    try:
        await client.drop_database(database)
    finally:
        await client.close()
