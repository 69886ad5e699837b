"""Upstream subscriptions: the router as a graphql-transport-ws client of a subgraph.

``open_stream(target, payload, identity)`` yields each ``next`` payload (``{data, errors}``)
until the subgraph completes; an ``error`` message for its id (the subgraph refused or
failed that one subscription, e.g. UNAUTHENTICATED for a bad identity token) raises
``UpstreamRefused`` carrying the subgraph's GraphQL errors (message and
``extensions.code``, INTERNAL_SERVER_ERROR when it gave none), which the client gets as the
``error`` of its own subscription only. ``target`` is an ASGI app (in process) or a
``ws://``/``http://`` URL.

Multiplexed: all subscriptions of this router process (and event loop) to one subgraph
share ONE upstream connection, each under its own message id and with its own router
identity token in its ``subscribe`` message. The connection opens with the first
subscription and closes with the last. One reader task hands each message to its
subscription's bounded queue: a subscription whose consumer falls ``QUEUE`` events behind
is completed upstream and ends with ``UpstreamInterrupted``, without holding up the others;
a lost connection ends every subscription on it with ``UpstreamInterrupted``
(``LIVE_UPDATES_INTERRUPTED``: reconnect, refetch, subscribe again). The messages are
``persistence.graphql_ws``'s, shared with the subgraphs' server and the router's own.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import weakref
from collections import deque
from collections.abc import AsyncIterator
from typing import Any

from persistence import graphql_ws
from supergraph.subscriptions.sockets import AsgiSocket, NetSocket, UpstreamError, ws_url

__all__ = ["AsgiSocket", "UpstreamError", "UpstreamInterrupted", "UpstreamRefused",
           "open_stream", "ws_url"]
IDENTITY_KEY = "pawgraph-identity"
QUEUE = 256  # undelivered upstream messages per subscription
INTERRUPTED = "Live updates interrupted: reconnect, refetch and subscribe again"


class UpstreamInterrupted(UpstreamError):
    """The stream lost events (connection lost or consumer too slow): the client refetches."""

    code = "LIVE_UPDATES_INTERRUPTED"
    message = INTERRUPTED


class UpstreamRefused(UpstreamError):
    """The subgraph ended this one subscription with an ``error`` message."""

    def __init__(self, payload: Any) -> None:
        self.errors = _client_errors(payload)
        self.code, self.message = self.errors[0]["extensions"]["code"], self.errors[0]["message"]
        super().__init__(self.message)


def _client_errors(payload: Any) -> list[dict[str, Any]]:
    """The subgraph's errors as the client sees them: message and ``extensions.code`` only
    (upstream locations and paths refer to the subgraph's operation; other extensions may
    carry debugging details)."""
    errors = []
    for error in payload if isinstance(payload, list) else [payload]:
        error = error if isinstance(error, dict) else {}
        extensions = error.get("extensions")
        code = extensions.get("code") if isinstance(extensions, dict) else None
        errors.append({"message": str(error.get("message") or "subscription refused"),
                       "extensions": {"code": str(code or "INTERNAL_SERVER_ERROR")}})
    return errors or [{"message": "subscription refused",
                       "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]


class _Subscription:
    __slots__ = ("id", "items", "waiter")

    def __init__(self, sub_id: str) -> None:
        self.id = sub_id
        self.items: deque[tuple[str, Any]] = deque()
        self.waiter: asyncio.Future[None] | None = None

    def put(self, item: tuple[str, Any]) -> None:
        self.items.append(item)
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    async def get(self) -> tuple[str, Any]:
        while not self.items:
            self.waiter = asyncio.get_running_loop().create_future()
            await self.waiter
        return self.items.popleft()


class _Upstream:
    """One shared graphql-transport-ws connection to one subgraph."""

    def __init__(self, key: tuple, target: Any, path: str) -> None:
        self.key, self.target, self.path = key, target, path
        self.subs: dict[str, _Subscription] = {}
        self.ids = itertools.count(1)
        self.sock: Any = None
        self.opened: asyncio.Future | None = None
        self.reader: asyncio.Task | None = None
        self.closing = False

    async def ready(self) -> None:
        if self.opened is None:
            self.opened = asyncio.ensure_future(self._handshake())
        await asyncio.shield(self.opened)

    async def _handshake(self) -> None:
        sock = NetSocket(ws_url(self.target)) if isinstance(self.target, str) \
            else AsgiSocket(self.target, self.path)
        try:
            await sock.connect()
            await sock.send(graphql_ws.encode(graphql_ws.connection_init()))
            if not graphql_ws.is_type(graphql_ws.decode(await sock.recv()), graphql_ws.CONNECTION_ACK):
                raise UpstreamError("subgraph did not acknowledge the connection")
        except BaseException:
            self._forget()
            with contextlib.suppress(Exception):
                await sock.close()
            raise
        self.sock = sock
        self.reader = asyncio.create_task(self._read(), name="pawgraph-upstream")

    def add(self) -> _Subscription:
        sub = _Subscription(str(next(self.ids)))
        self.subs[sub.id] = sub
        return sub

    async def send(self, message: dict[str, Any]) -> None:
        await self.sock.send(graphql_ws.encode(message))

    async def _read(self) -> None:
        try:
            while True:
                message = graphql_ws.server_message(graphql_ws.decode(await self.sock.recv()))
                if message is not None and message.type == graphql_ws.PING:
                    await self.sock.send(graphql_ws.encode(graphql_ws.pong()))
                    continue
                if message is None or message.id is None:
                    continue
                sub = self.subs.get(message.id)
                if sub is None:
                    continue
                if message.type == graphql_ws.NEXT and len(sub.items) >= QUEUE:
                    self.subs.pop(sub.id, None)
                    sub.put(("lost", "subscription fell behind"))
                    await self.send(graphql_ws.complete(sub.id))
                    continue
                if message.type != graphql_ws.NEXT:
                    self.subs.pop(sub.id, None)
                sub.put((message.type, message.payload))
        except (UpstreamError, OSError, ValueError) as exc:
            self._lost(str(exc))
            with contextlib.suppress(Exception):
                await self.sock.close()

    def _lost(self, reason: str) -> None:
        self._forget()
        subs, self.subs = self.subs, {}
        for sub in subs.values():
            sub.put(("lost", reason))

    def _forget(self) -> None:
        """No new subscription may join this connection any more."""
        self.closing = True
        registry = _registry()
        if registry.get(self.key) is self:
            del registry[self.key]

    async def remove(self, sub: _Subscription) -> None:
        if self.subs.pop(sub.id, None) is not None and not self.closing:
            with contextlib.suppress(Exception):  # tell the subgraph to stop this stream
                await self.send(graphql_ws.complete(sub.id))
        if not self.subs and not self.closing:
            self._forget()
            if self.reader is not None:
                self.reader.cancel()
            with contextlib.suppress(Exception):
                await self.sock.close()


_connections: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # loop -> {key: conn}


def _registry() -> dict[tuple, _Upstream]:
    return _connections.setdefault(asyncio.get_running_loop(), {})


async def _join(target: Any, path: str) -> tuple[_Upstream, _Subscription]:
    key = (target if isinstance(target, str) else id(target), path)
    while True:
        registry = _registry()
        upstream = registry.get(key)
        if upstream is None:
            upstream = registry[key] = _Upstream(key, target, path)
        await upstream.ready()
        if not upstream.closing:  # not closed by its last subscription meanwhile
            return upstream, upstream.add()


def connections() -> int:
    """Open upstream connections of this process (event loop): for tests and metrics."""
    return len(_registry())


async def open_stream(target: Any, payload: dict[str, Any], identity: str,
                      path: str = "/graphql") -> AsyncIterator[dict[str, Any]]:
    upstream, sub = await _join(target, path)
    try:
        signed = {**payload, "extensions": {**(payload.get("extensions") or {}),
                                            IDENTITY_KEY: identity}}
        try:
            await upstream.send(graphql_ws.subscribe(sub.id, signed))
        except (UpstreamError, OSError) as exc:
            raise UpstreamInterrupted(str(exc)) from None
        while True:
            kind, body = await sub.get()
            if kind == graphql_ws.NEXT:
                yield body
            elif kind == graphql_ws.COMPLETE:
                return
            elif kind == graphql_ws.ERROR:
                raise UpstreamRefused(body)
            else:
                raise UpstreamInterrupted(body)
    finally:
        await upstream.remove(sub)
