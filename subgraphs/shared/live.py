"""Live fields of a subgraph: the event stream behind a Subscription resolver.

``events(ctx, topic)`` yields each event (``persistence.events``) on ``topic``. When Redis
goes away mid-stream the subscription ends with one clear, coded error instead of a driver
message: state lives in the database, so the client reconnects, refetches and subscribes
again (``extensions.code`` ``LIVE_UPDATES_INTERRUPTED``; the message says what to do).

All streams of a process share one Redis pub/sub connection (``persistence.events.EventHub``),
outside the app's shared pool (listeners must not starve publishers and caches). A stream
that falls too far behind ends with the same coded error: it refetches like after an outage.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any

from persistence import events as store
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.errors import CodedError, ErrorCode

log = logging.getLogger(__name__)
INTERRUPTED = "Live updates interrupted: reconnect, refetch and subscribe again"


async def read_fresh(ctx: Any, read: Callable[[UnitOfWork], Awaitable[Any]]) -> Any:
    """``read(uow)`` in a fresh read-only transaction: each event sees committed state."""
    uow = UnitOfWork(ctx.resources.engine)
    try:
        return await read(uow)
    finally:
        await uow.finish(commit=False)


async def read_one(ctx: Any, by_ids: Callable, entity_id: str) -> Any:
    """One row as the subscriber may see it now (``by_ids(uow, principal, ids)``), or None."""
    rows = await read_fresh(ctx, lambda uow: by_ids(uow, ctx.principal, [entity_id]))
    return rows[0] if rows else None


async def events(ctx: Any, topic: str) -> AsyncGenerator[dict[str, Any], None]:
    from redis.exceptions import RedisError

    redis = getattr(ctx.resources, "redis", None)
    if redis is None:
        raise CodedError(ErrorCode.INTERNAL_SERVER_ERROR, "live updates are not configured")
    try:
        async for event in store.listen(redis, ctx.resources.redis_prefix, topic):
            yield event
    except (RedisError, OSError, store.EventsInterrupted) as exc:
        log.warning("event stream %s interrupted: %s", topic, exc)
        raise CodedError(ErrorCode.LIVE_UPDATES_INTERRUPTED, INTERRUPTED) from None
