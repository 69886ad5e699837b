"""Domain events over Redis pub/sub: a notification that durable state changed.

State lives in the database; an event only says "look again". Events are published after
the unit of work commits (``UnitOfWork.after_commit``), so nobody is told about a change
that was rolled back. Channels are ``<prefix>events:<topic>`` (e.g. ``appointment:<id>``,
``clinic:<id>``); payloads are small JSON objects with ``type`` and ids.

Listening goes through a per-process fan-out hub (``EventHub``): ONE Redis pub/sub
connection per process and Redis server (and event loop), whatever the number of live
streams. A channel is subscribed when its first local listener arrives and unsubscribed when
the last one leaves; each message is decoded once and handed to every local listener's
bounded queue, so a slow listener never blocks the others - it overflows and is ended with
``EventsInterrupted`` instead. When the Redis connection is lost, every listener ends with
the driver's error (``RedisError``/``OSError``); the next listener reconnects and
resubscribes. The hub's connection never retries silently: a reconnect could skip events,
and listeners must know to refetch.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
import weakref
from collections import deque
from collections.abc import AsyncIterator
from typing import Any

import orjson

log = logging.getLogger(__name__)
LISTENER_QUEUE = 1024  # undelivered events per listener before it is ended as too slow


class EventsInterrupted(Exception):
    """A listener missed events (it fell behind): it must refetch and listen again."""


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
    """Yield every event on ``topic`` from now on; unsubscribes when the consumer stops.

    ``redis`` is the app's client: only its connection settings are used (the stream shares
    this process's hub connection, outside the client's pool). Events are shared with other
    local listeners: treat them as read-only. Raises the driver's ``RedisError``/``OSError``
    when Redis is lost and ``EventsInterrupted`` when this consumer fell too far behind.
    """
    hub = EventHub.for_client(redis)
    listener = await hub.add(channel(prefix, topic))
    try:
        while True:
            yield await listener.next()
    finally:
        await hub.remove(listener)


class _Listener:
    """One local stream: a bounded queue of decoded events, ended by an error."""

    __slots__ = ("channel", "limit", "items", "error", "waiter")

    def __init__(self, name: bytes, limit: int) -> None:
        self.channel, self.limit = name, limit
        self.items: deque[dict[str, Any]] = deque()
        self.error: BaseException | None = None
        self.waiter: asyncio.Future | None = None

    def push(self, event: dict[str, Any]) -> None:
        if self.error is not None:
            return
        if len(self.items) >= self.limit:
            self.fail(EventsInterrupted(f"listener fell {self.limit} events behind"))
            return
        self.items.append(event)
        self._wake()

    def fail(self, error: BaseException) -> None:
        if self.error is None:
            self.error = error
            self.items.clear()  # a gap follows anyway: the consumer refetches
            self._wake()

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    async def next(self) -> dict[str, Any]:
        while not self.items:
            if self.error is not None:
                raise self.error
            self.waiter = asyncio.get_running_loop().create_future()
            await self.waiter
        return self.items.popleft()


def _settings_key(redis) -> tuple:
    """Clients of the same server (address, db, credentials) share one hub."""
    pool = redis.connection_pool
    return (pool.connection_class, tuple(sorted(
        (k, v) for k, v in pool.connection_kwargs.items()
        if isinstance(v, (str, bytes, int, float, bool, type(None))))))


class EventHub:
    """This process's pub/sub connection to one Redis server, fanned out to local listeners."""

    _hubs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # loop -> {key: hub}

    def __init__(self, connection_class: Any, connection_kwargs: dict[str, Any],
                 queue: int = LISTENER_QUEUE) -> None:
        self.connection_class, self.connection_kwargs = connection_class, connection_kwargs
        self.queue = queue
        self.channels: dict[bytes, set[_Listener]] = {}
        self.lock = asyncio.Lock()
        self.pubsub: Any = None
        self.reader: asyncio.Task | None = None
        self.connections_opened = 0  # for tests and metrics

    @classmethod
    def for_client(cls, redis) -> EventHub:
        hubs = cls._hubs.setdefault(asyncio.get_running_loop(), {})
        key = _settings_key(redis)
        if key not in hubs:
            pool = redis.connection_pool
            hubs[key] = cls(pool.connection_class, dict(pool.connection_kwargs))
        return hubs[key]

    @property
    def listeners(self) -> int:
        return sum(len(group) for group in self.channels.values())

    async def add(self, name: str) -> _Listener:
        key = name.encode()
        async with self.lock:
            if self.pubsub is None:
                await self._open()
            pubsub = self.pubsub
            if key not in self.channels:
                try:
                    await pubsub.subscribe(key)
                except BaseException:
                    if not self.channels:
                        await self._close(pubsub)
                    raise
                if self.pubsub is not pubsub:  # lost while subscribing
                    from redis.exceptions import ConnectionError as RedisConnectionError

                    raise RedisConnectionError("Redis connection lost while subscribing")
                self.channels[key] = set()
            listener = _Listener(key, self.queue)
            self.channels[key].add(listener)
            return listener

    async def remove(self, listener: _Listener) -> None:
        from redis.exceptions import RedisError

        async with self.lock:
            group = self.channels.get(listener.channel)
            if group is None or listener not in group:
                return  # the connection was lost meanwhile: nothing subscribed any more
            group.discard(listener)
            if group:
                return
            del self.channels[listener.channel]
            pubsub = self.pubsub
            if self.channels:
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.unsubscribe(listener.channel)
            else:
                await self._close(pubsub)

    async def _open(self) -> None:
        from redis.asyncio import ConnectionPool, Redis
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff

        kwargs = {**self.connection_kwargs, "retry": Retry(NoBackoff(), 0)}
        pool = ConnectionPool(connection_class=self.connection_class, max_connections=1, **kwargs)
        pubsub = Redis(connection_pool=pool).pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.connect()
        except BaseException:
            await self._close(pubsub)
            raise
        self.pubsub, self.connections_opened = pubsub, self.connections_opened + 1
        self.reader = asyncio.create_task(self._read(pubsub), name="pawgraph-event-hub")

    async def _close(self, pubsub: Any) -> None:
        """Forget ``pubsub`` (if still current) and close its connection."""
        if self.pubsub is pubsub:
            self.pubsub, reader, self.reader = None, self.reader, None
            if reader is not None and reader is not asyncio.current_task():
                reader.cancel()
        with contextlib.suppress(Exception):
            await pubsub.aclose()
        with contextlib.suppress(Exception):
            await pubsub.connection_pool.disconnect()

    async def _read(self, pubsub: Any) -> None:
        from redis.exceptions import RedisError

        try:
            while True:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=None)
                if message is None or message.get("type") != "message":
                    continue
                group = self.channels.get(message["channel"])
                if group:
                    try:
                        event = orjson.loads(message["data"])
                    except orjson.JSONDecodeError:  # not one of ours: skip it, keep reading
                        log.warning("event hub: undecodable message on %r", message["channel"])
                        continue
                    for listener in group:
                        listener.push(event)
        except (RedisError, OSError) as exc:
            self._lost(pubsub, exc)
            await self._close(pubsub)

    def _lost(self, pubsub: Any, exc: BaseException) -> None:
        """Every listener of this connection ends with ``exc``; the next one reconnects."""
        if self.pubsub is not pubsub:
            return
        log.warning("event hub lost Redis (%d listeners): %s", self.listeners, exc)
        channels, self.channels, self.pubsub, self.reader = self.channels, {}, None, None
        for group in channels.values():
            for listener in group:
                listener.fail(_copy(exc))


def _copy(exc: BaseException) -> BaseException:
    """The same error for each listener, without sharing one traceback between tasks."""
    try:
        return copy.copy(exc)
    except Exception:  # noqa: BLE001 - an exception type that cannot be copied
        return exc
