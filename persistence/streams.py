"""Durable domain events over Redis Streams with consumer groups (at-least-once).

``persistence.events`` is pub/sub: a notification that is lost when nobody listens. Facts
another subgraph must not miss (profiles: "pet X of owner Y exists", which appointments
needs to let the owner book) go to a stream instead: ``XADD`` after the producer's write
succeeded; each consuming subgraph reads through its own consumer group and acknowledges
(``XACK``) an entry only after its own transaction committed. Entries a consumer was given
but never acknowledged (it crashed) are claimed again after ``claim_idle_ms``; a consumer
that was down simply continues from its group's position when it returns. Handlers must be
idempotent (an entry can be delivered twice).

Keys: ``<prefix>stream:<name>``; an entry has one field ``data`` (JSON).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson

log = logging.getLogger(__name__)
MAX_LEN = 1_000_000  # approximate cap (XADD MAXLEN ~): far beyond any consumer's lag


def stream_key(prefix: str, name: str) -> str:
    return f"{prefix}stream:{name}"


async def append(redis, prefix: str, name: str, payload: dict[str, Any]) -> str | None:
    """Add an entry; its id, or None when Redis refused (logged; the caller decides)."""
    from redis.exceptions import RedisError

    try:
        entry_id = await redis.xadd(stream_key(prefix, name), {"data": orjson.dumps(payload)},
                                    maxlen=MAX_LEN, approximate=True)
    except (RedisError, OSError) as exc:
        log.warning("stream %s: entry %s not added: %s", name, payload.get("type"), exc)
        return None
    return entry_id.decode() if isinstance(entry_id, bytes) else entry_id


Handler = Callable[[list[dict[str, Any]]], Awaitable[None]]


@dataclass
class GroupReader:
    """One consumer of a consumer group. ``drain`` hands every entry not yet handled by the
    group to ``handler`` (a batch at a time) and acknowledges the batch once the handler
    returned; a handler that raises leaves the batch pending (claimed again later)."""

    redis: Any
    prefix: str
    stream: str
    group: str
    consumer: str
    batch: int = 100
    claim_idle_ms: int = 30_000

    @property
    def key(self) -> str:
        return stream_key(self.prefix, self.stream)

    async def ensure_group(self) -> None:
        """Create the group at the start of the stream (so nothing written before the
        consumer first ran is skipped); an existing group keeps its position."""
        from redis.exceptions import ResponseError

        try:
            await self.redis.xgroup_create(self.key, self.group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def drain(self, handler: Handler) -> int:
        """Handle entries stuck with dead consumers, then every new entry; the count handled."""
        handled = await self._claim_stale(handler)
        while True:
            reply = await self.redis.xreadgroup(self.group, self.consumer, {self.key: ">"},
                                                count=self.batch)
            entries = reply[0][1] if reply else []
            if not entries:
                return handled
            handled += await self._handle(entries, handler)

    async def _claim_stale(self, handler: Handler) -> int:
        handled, start = 0, "0-0"
        while True:
            reply = await self.redis.xautoclaim(self.key, self.group, self.consumer,
                                                self.claim_idle_ms, start_id=start,
                                                count=self.batch)
            start, entries = reply[0], [e for e in reply[1] if e and e[1] is not None]
            if entries:
                handled += await self._handle(entries, handler)
            if start in (b"0-0", "0-0"):
                return handled

    async def _handle(self, entries: list, handler: Handler) -> int:
        payloads = []
        for _, fields in entries:
            data = fields.get(b"data", fields.get("data"))
            try:
                payloads.append(orjson.loads(data))
            except (orjson.JSONDecodeError, TypeError):
                log.warning("stream %s: undecodable entry dropped", self.stream)
        await handler(payloads)
        await self.redis.xack(self.key, self.group, *[entry_id for entry_id, _ in entries])
        return len(entries)
