"""Domain events over Redis pub/sub: a notification that durable state changed.

State lives in the database; an event only says "look again". Events are published after
the unit of work commits (``UnitOfWork.after_commit``), so nobody is told about a change
that was rolled back. Channels are ``<prefix>events:<topic>`` (e.g. ``appointment:<id>``,
``clinic:<id>``); payloads are small JSON objects with ``type`` and ids.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import orjson

log = logging.getLogger(__name__)


def channel(prefix: str, topic: str) -> str:
    return f"{prefix}events:{topic}"


async def publish(redis, prefix: str, topics: list[str], payload: dict[str, Any]) -> bool:
    """Best effort: the change is already committed, so a Redis outage loses only the
    notification (logged; subscribers refetch on reconnect). False when not delivered."""
    from redis.exceptions import RedisError

    data = orjson.dumps(payload)
    try:
        for topic in topics:
            await redis.publish(channel(prefix, topic), data)
    except (RedisError, OSError) as exc:
        log.warning("event %s not published (%s): %s", payload.get("type"), topics, exc)
        return False
    return True


async def listen(redis, prefix: str, topic: str) -> AsyncIterator[dict[str, Any]]:
    """Yield every event on ``topic`` from now on; unsubscribes when the consumer stops."""
    pubsub = redis.pubsub(ignore_subscribe_messages=True)
    await pubsub.subscribe(channel(prefix, topic))
    try:
        async for message in pubsub.listen():
            if message.get("type") == "message":
                yield orjson.loads(message["data"])
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()
