"""The router's client-facing WebSocket: ``graphql-transport-ws`` on ``/graphql``.

``connection_init`` must come within ``init_timeout`` and carries the client's token
(``{"Authorization": "Bearer ..."}``, or ``authorization`` / ``token``); it is verified by
the same ``authenticate`` hook as HTTP requests, and the connection is closed (4403) when
that token expires. Each ``subscribe`` is authorized and planned like a query
(``start(payload, principal)``).

Limits (``SubscriptionLimits``): ``max_subscriptions`` per connection and ``max_per_user``
per user across all connections - of every router instance when the endpoint is given a
``SharedUserSubscriptions`` (Redis leases; ``supergraph.subscriptions.users``), else of this
process; one over either gets an ``error`` message with ``RATE_LIMITED``. A bounded send
queue (``send_queue`` messages): a client that does not keep up is disconnected with 4429
instead of being buffered forever.
A connection without any subscription for ``idle_timeout`` seconds is closed with 4408
("Idle timeout"). ``ping`` gets ``pong`` at any time.

The values come from settings (``PAWGRAPH_ROUTER__SUBSCRIPTIONS_PER_CONNECTION``,
``..._SUBSCRIPTIONS_PER_USER``, ``..._SUBSCRIPTION_SEND_QUEUE``,
``..._SUBSCRIPTION_IDLE_TIMEOUT_SECONDS``, ``..._SUBSCRIPTION_INIT_TIMEOUT_SECONDS``; through
``pawgraph.assembly.router_edge``); the defaults below are the same.

Close codes: 4400 bad message, 4403 forbidden/expired token, 4406 sub-protocol, 4408 init or
idle timeout, 4409 duplicate id, 4429 too slow. The messages and codes are
``persistence.graphql_ws``'s, shared with the upstream client and the subgraphs.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol, cast

from starlette.websockets import WebSocket, WebSocketDisconnect

from persistence import graphql_ws
from supergraph.subscriptions.users import SharedUserSubscriptions, UserSubscriptions

Start = Callable[[dict[str, Any], Any], Awaitable[AsyncIterator[dict[str, Any]]]]


@dataclass(frozen=True)
class SubscriptionLimits:
    init_timeout: float = 10.0
    max_subscriptions: int = 20
    max_per_user: int = 50
    send_queue: int = 256
    idle_timeout: float = 60.0


def _token(init_payload: Any) -> str | None:
    if not isinstance(init_payload, dict):
        return None
    for key in ("Authorization", "authorization"):
        if isinstance(init_payload.get(key), str):
            return init_payload[key]
    token = init_payload.get("token")
    return f"Bearer {token}" if isinstance(token, str) else None


def _expiry(header: str | None) -> float | None:
    """``exp`` of an already verified bearer token (seconds since the epoch)."""
    if not header:
        return None
    import jwt

    try:
        exp = jwt.decode(header.split(" ", 1)[-1], options={"verify_signature": False}).get("exp")
        return None if exp is None else float(exp)
    except (jwt.PyJWTError, TypeError, ValueError):
        return None


def _error_payload(exc: Exception) -> list[dict[str, Any]]:
    errors = getattr(exc, "errors", None)
    if errors:
        return list(errors)
    code = str(getattr(exc, "code", "INTERNAL_SERVER_ERROR"))
    return [{"message": getattr(exc, "message", "subscription failed"), "extensions": {"code": code}}]


def _rate_limited(sub_id: str, message: str) -> dict[str, Any]:
    return graphql_ws.error(sub_id, [{"message": message, "extensions": {"code": "RATE_LIMITED"}}])


class _ClientConnection:
    def __init__(self, ws: WebSocket, authenticate: Callable, start: Start,
                 limits: SubscriptionLimits,
                 users: UserSubscriptions | SharedUserSubscriptions) -> None:
        self.ws, self.authenticate, self.start, self.limits = ws, authenticate, start, limits
        self.users = users
        self.outbox: asyncio.Queue = asyncio.Queue(limits.send_queue)
        self.tasks: dict[str, asyncio.Task] = {}
        self.principal: Any = None
        self.closed = asyncio.Event()
        self.idle_since: float | None = None

    async def run(self) -> None:
        principal, expires = await self.handshake()
        if principal is None:
            return
        self.principal = principal
        self.idle_since = asyncio.get_running_loop().time()
        workers = [asyncio.create_task(self.read()), asyncio.create_task(self.write()),
                   asyncio.create_task(self.closed.wait()), asyncio.create_task(self.idle())]
        if expires:
            workers.append(asyncio.create_task(self.expire_at(expires)))
        try:  # the first worker to finish (disconnect, close, timeout) ends the connection
            await asyncio.wait(workers, return_when=asyncio.FIRST_COMPLETED)
        finally:
            tasks = [*workers, *self.tasks.values()]
            for task in tasks:
                task.cancel()
            # every subscription has given its user slot back before the endpoint returns
            await asyncio.gather(*tasks, return_exceptions=True)

    async def read(self) -> None:
        with contextlib.suppress(WebSocketDisconnect, graphql_ws.DecodeError, RuntimeError):
            while not self.closed.is_set():
                await self.dispatch(graphql_ws.decode(await self.ws.receive_text()))

    async def close(self, code: int, reason: str) -> None:
        if not self.closed.is_set():
            self.closed.set()
            with contextlib.suppress(RuntimeError, WebSocketDisconnect):
                await self.ws.close(code, reason)

    async def handshake(self) -> tuple[Any, float | None]:
        try:
            init = graphql_ws.decode(await asyncio.wait_for(self.ws.receive_text(),
                                                            self.limits.init_timeout))
        except (TimeoutError, asyncio.TimeoutError):
            await self.ws.close(graphql_ws.TIMEOUT, "Connection initialisation timeout")
            return None, None
        is_init, init_payload = graphql_ws.connection_init_payload(init)
        if not is_init:
            await self.ws.close(graphql_ws.BAD_REQUEST, "Expected connection_init")
            return None, None
        header = _token(init_payload)
        try:
            principal = self.authenticate({"authorization": header} if header else {})
            if inspect.isawaitable(principal):  # external issuers may fetch their JWKS
                principal = await principal
        except Exception:  # noqa: BLE001 - any refusal of the token is a 4403
            await self.ws.close(graphql_ws.FORBIDDEN, "Forbidden")
            return None, None
        await self.ws.send_text(graphql_ws.encode(graphql_ws.connection_ack()))
        return principal, _expiry(header)

    async def expire_at(self, expires: float) -> None:
        await asyncio.sleep(max(0.0, expires - time.time()))
        await self.close(graphql_ws.FORBIDDEN, "Token expired")

    async def idle(self) -> None:
        """Close the connection once it has had no subscription for ``idle_timeout``."""
        loop, timeout = asyncio.get_running_loop(), self.limits.idle_timeout
        while True:
            since = self.idle_since
            left = timeout if since is None else since + timeout - loop.time()
            if since is not None and left <= 0:
                await self.close(graphql_ws.TIMEOUT, "Idle timeout")
                return
            await asyncio.sleep(max(left, 0.01))

    async def write(self) -> None:
        while True:
            await self.ws.send_text(graphql_ws.encode(await self.outbox.get()))

    async def push(self, message: dict[str, Any]) -> None:
        try:
            self.outbox.put_nowait(message)
        except asyncio.QueueFull:
            await self.close(graphql_ws.TOO_SLOW, "Client does not keep up")
            raise WebSocketDisconnect(graphql_ws.TOO_SLOW) from None

    async def dispatch(self, raw: Any) -> None:
        message = graphql_ws.client_message(raw)
        if message is None:
            await self.close(graphql_ws.BAD_REQUEST, "Invalid message")
            raise WebSocketDisconnect(graphql_ws.BAD_REQUEST)
        if message.type == graphql_ws.PING:
            await self.push(graphql_ws.pong())
        elif message.type == graphql_ws.SUBSCRIBE:
            assert message.id is not None  # client_message gives every subscribe its string id
            await self.subscribe(message.id, message.payload)
        elif message.type == graphql_ws.COMPLETE:
            assert message.id is not None  # client_message gives every complete str(id)
            task = self.tasks.get(message.id)
            if task:
                task.cancel()

    async def subscribe(self, sub_id: str, payload: dict[str, Any]) -> None:
        if sub_id in self.tasks:
            await self.close(graphql_ws.SUBSCRIBER_EXISTS, f"Subscriber for {sub_id} already exists")
            raise WebSocketDisconnect(graphql_ws.SUBSCRIBER_EXISTS)
        if len(self.tasks) >= self.limits.max_subscriptions:
            await self.push(_rate_limited(sub_id, "Too many subscriptions on this connection"))
            return
        user, lease = getattr(self.principal, "user_id", None), uuid.uuid4().hex
        if not await self.users.acquire(user, lease):
            await self.push(_rate_limited(sub_id, "Too many subscriptions for this user"))
            return
        if self.closed.is_set():  # the connection ended while the lease was being taken
            self.users.release(user, lease)
            return
        task = self.tasks[sub_id] = asyncio.create_task(self.forward(sub_id, payload))
        self.idle_since = None
        task.add_done_callback(lambda _t: self.finished(sub_id, user, lease))

    def finished(self, sub_id: str, user: str | None, lease: str) -> None:
        """Runs exactly once per subscription, even when cancelled before it started."""
        self.users.release(user, lease)
        self.tasks.pop(sub_id, None)
        if not self.tasks:
            self.idle_since = asyncio.get_running_loop().time()

    async def forward(self, sub_id: str, payload: dict[str, Any]) -> None:
        try:
            events = await self.start(payload, self.principal)
            async for body in events:
                await self.push(graphql_ws.next_event(sub_id, body))
            await self.push(graphql_ws.complete(sub_id))
        except asyncio.CancelledError:
            raise
        except WebSocketDisconnect:
            pass
        except Exception as exc:  # noqa: BLE001 - refusals and upstream failures end this id
            with contextlib.suppress(WebSocketDisconnect):
                await self.push(graphql_ws.error(sub_id, _error_payload(exc)))


class SubscriptionEndpoint(Protocol):
    """The WebSocket endpoint function, carrying its per-user subscription counts."""

    users: UserSubscriptions | SharedUserSubscriptions

    async def __call__(self, ws: WebSocket) -> None: ...


def subscription_endpoint(authenticate: Callable, start: Start,
                          limits: SubscriptionLimits = SubscriptionLimits(),
                          users: SharedUserSubscriptions | None = None) -> SubscriptionEndpoint:
    """``users``: the per-user limit across router instances; None: this endpoint's own."""
    pool: UserSubscriptions | SharedUserSubscriptions = users or UserSubscriptions(limits.max_per_user)

    async def endpoint(ws: WebSocket) -> None:
        if not graphql_ws.accepts(ws.scope.get("subprotocols")):
            await ws.close(graphql_ws.SUBPROTOCOL_NOT_ACCEPTABLE, "Subprotocol not acceptable")
            return
        await ws.accept(subprotocol=graphql_ws.PROTOCOL)
        with contextlib.suppress(WebSocketDisconnect):
            await _ClientConnection(ws, authenticate, start, limits, pool).run()

    # a plain function (Starlette calls it as a WebSocket endpoint) that takes the attribute
    typed = cast(SubscriptionEndpoint, endpoint)
    typed.users = pool  # for metrics and tests
    return typed
