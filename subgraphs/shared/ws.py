"""Subscriptions of a subgraph over WebSocket (``graphql-transport-ws``), for the router only.

Protocol: the router connects with sub-protocol ``graphql-transport-ws``, sends
``connection_init`` (within 10 s) and gets ``connection_ack``; every ``subscribe`` message
carries a router identity token in ``payload.extensions["pawgraph-identity"]`` that covers
``auth.router_identity.subscribe_body(query, variables, operationName)`` - verified before
the operation runs, exactly like a POST. The router multiplexes all its subscriptions to
this subgraph over one connection (``supergraph.subscriptions.upstream``); sends are
serialised. Each event is a ``next`` message; ``complete`` ends
one subscription from either side; ``ping`` gets ``pong``.

A ``subscribe`` whose identity token is missing, invalid, expired or not for exactly its
body ends only that subscription: an ``error`` message for its id with
``extensions.code`` UNAUTHENTICATED (or FORBIDDEN), nothing runs, and every other
subscription on the connection carries on - one bad message must not cut the router's
multiplexed connection. Close codes (the whole connection): 4400 bad message, 4406 wrong
sub-protocol, 4408 init timeout, 4409 duplicate id (per protocol).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

from graphql import ExecutionResult
from starlette.websockets import WebSocket, WebSocketDisconnect

from auth.errors import AuthError
from auth.router_identity import HEADER, IdentityVerifier, subscribe_body
from subgraphs.shared.context import SubgraphContext, UnitOfWork

PROTOCOL = "graphql-transport-ws"
INIT_TIMEOUT = 10.0


def _result_payload(result: ExecutionResult) -> dict[str, Any]:
    payload: dict[str, Any] = {"data": result.data}
    if result.errors:
        payload["errors"] = [e.formatted for e in result.errors]
    return payload


class _Connection:
    def __init__(self, ws: WebSocket, definition: Any, verifier: IdentityVerifier,
                 scope_principal: Callable[[Any], Awaitable[Any]] | None) -> None:
        self.ws, self.definition, self.verifier = ws, definition, verifier
        self.scope_principal = scope_principal
        self.tasks: dict[str, asyncio.Task] = {}
        self.sending = asyncio.Lock()  # many streams share this socket (the router multiplexes)

    async def send(self, message: dict[str, Any]) -> None:
        async with self.sending:
            await self.ws.send_json(message)

    async def run(self) -> None:
        try:
            init = await asyncio.wait_for(self.ws.receive_json(), INIT_TIMEOUT)
        except (TimeoutError, asyncio.TimeoutError):
            await self.ws.close(4408, "connection initialisation timeout")
            return
        if not isinstance(init, dict) or init.get("type") != "connection_init":
            await self.ws.close(4400, "expected connection_init")
            return
        await self.ws.send_json({"type": "connection_ack"})
        try:
            while True:
                await self.dispatch(await self.ws.receive_json())
        except WebSocketDisconnect:
            pass
        finally:
            for task in self.tasks.values():
                task.cancel()

    async def dispatch(self, message: Any) -> None:
        kind = message.get("type") if isinstance(message, dict) else None
        if kind == "ping":
            await self.send({"type": "pong"})
        elif kind == "subscribe" and isinstance(message.get("id"), str):
            await self.subscribe(message["id"], message.get("payload") or {})
        elif kind == "complete":
            task = self.tasks.pop(str(message.get("id")), None)
            if task:
                task.cancel()
        elif kind != "pong":
            await self.ws.close(4400, "invalid message")

    async def subscribe(self, sub_id: str, payload: dict[str, Any]) -> None:
        if sub_id in self.tasks:
            await self.ws.close(4409, f"Subscriber for {sub_id} already exists")
            return
        query, variables = payload.get("query"), payload.get("variables")
        operation = payload.get("operationName")
        token = (payload.get("extensions") or {}).get(HEADER)
        try:
            principal = self.verifier.verify(token, subscribe_body(query, variables, operation))
        except AuthError as exc:  # this subscription only; the connection stays open
            await self.send({"id": sub_id, "type": "error", "payload": [
                {"message": exc.message[:200], "extensions": {"code": exc.code}}]})
            return
        if self.scope_principal is not None:
            principal = await self.scope_principal(principal)
        self.tasks[sub_id] = asyncio.create_task(
            self.stream(sub_id, query, variables, operation, principal))

    async def stream(self, sub_id: str, query: str, variables: Any, operation: Any,
                     principal: Any) -> None:
        context = SubgraphContext(principal=principal,
                                  uow=UnitOfWork(getattr(self.ws.app.state, "engine", None)),
                                  resources=self.ws.app.state,
                                  loader_factories=self.definition.loader_factories)
        try:
            result = await self.definition.schema.subscribe(
                query, variable_values=variables, context_value=context, operation_name=operation)
            if isinstance(result, ExecutionResult):
                await self.send({"id": sub_id, "type": "error",
                                 "payload": [e.formatted for e in result.errors or []]})
                return
            async for item in result:
                await self.send({"id": sub_id, "type": "next", "payload": _result_payload(item)})
            await self.send({"id": sub_id, "type": "complete"})
        except (WebSocketDisconnect, RuntimeError):
            pass
        finally:
            self.tasks.pop(sub_id, None)
            await context.uow.finish(commit=False)


def subscriptions_endpoint(definition: Any, verifier: IdentityVerifier,
                           scope_principal: Callable[[Any], Awaitable[Any]] | None = None):
    async def endpoint(ws: WebSocket) -> None:
        if PROTOCOL not in ws.scope.get("subprotocols", []):
            await ws.close(4406, "Subprotocol not acceptable")
            return
        await ws.accept(subprotocol=PROTOCOL)
        with contextlib.suppress(WebSocketDisconnect):
            await _Connection(ws, definition, verifier, scope_principal).run()

    return endpoint
