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
sub-protocol, 4408 init timeout, 4409 duplicate id (per protocol). The messages and codes
are ``persistence.graphql_ws``'s, shared with the router.
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
from persistence import graphql_ws
from subgraphs.shared.context import SubgraphContext, UnitOfWork

INIT_TIMEOUT = 10.0


def _result_payload(result: ExecutionResult) -> dict[str, Any]:
    payload: dict[str, Any] = {"data": result.data}
    if result.errors:
        payload["errors"] = [dict(e.formatted) for e in result.errors]
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
            await self.ws.close(graphql_ws.TIMEOUT, "connection initialisation timeout")
            return
        if not graphql_ws.is_type(init, graphql_ws.CONNECTION_INIT):
            await self.ws.close(graphql_ws.BAD_REQUEST, "expected connection_init")
            return
        await self.ws.send_json(graphql_ws.connection_ack())
        try:
            while True:
                await self.dispatch(await self.ws.receive_json())
        except WebSocketDisconnect:
            pass
        finally:
            for task in self.tasks.values():
                task.cancel()

    async def dispatch(self, raw: Any) -> None:
        message = graphql_ws.client_message(raw)
        if message is None:
            await self.ws.close(graphql_ws.BAD_REQUEST, "invalid message")
        elif message.type == graphql_ws.PING:
            await self.send(graphql_ws.pong())
        elif message.type == graphql_ws.SUBSCRIBE:
            assert message.id is not None  # client_message accepts a subscribe with a string id only
            await self.subscribe(message.id, message.payload)
        elif message.type == graphql_ws.COMPLETE:
            assert message.id is not None  # client_message gives a complete its id as a string
            task = self.tasks.pop(message.id, None)
            if task:
                task.cancel()

    async def subscribe(self, sub_id: str, payload: dict[str, Any]) -> None:
        if sub_id in self.tasks:
            await self.ws.close(graphql_ws.SUBSCRIBER_EXISTS, f"Subscriber for {sub_id} already exists")
            return
        # as the client sent them (unchecked JSON): a bad query fails in schema.subscribe
        query: Any = payload.get("query")
        variables = payload.get("variables")
        operation = payload.get("operationName")
        token = (payload.get("extensions") or {}).get(HEADER)
        try:
            principal = self.verifier.verify(token, subscribe_body(query, variables, operation))
        except AuthError as exc:  # this subscription only; the connection stays open
            await self.send(graphql_ws.error(sub_id, [
                {"message": exc.message[:200], "extensions": {"code": exc.code}}]))
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
                                  loaders_class=self.definition.loaders)
        try:
            result = await self.definition.schema.subscribe(
                query, variable_values=variables, context_value=context, operation_name=operation)
            if isinstance(result, ExecutionResult):
                await self.send(graphql_ws.error(sub_id, [dict(e.formatted)
                                                          for e in result.errors or []]))
                return
            async for item in result:
                await self.send(graphql_ws.next_event(sub_id, _result_payload(item)))
            await self.send(graphql_ws.complete(sub_id))
        except (WebSocketDisconnect, RuntimeError):
            pass
        finally:
            self.tasks.pop(sub_id, None)
            await context.uow.finish(commit=False)


def subscriptions_endpoint(definition: Any, verifier: IdentityVerifier,
                           scope_principal: Callable[[Any], Awaitable[Any]] | None = None):
    async def endpoint(ws: WebSocket) -> None:
        if not graphql_ws.accepts(ws.scope.get("subprotocols")):
            await ws.close(graphql_ws.SUBPROTOCOL_NOT_ACCEPTABLE, "Subprotocol not acceptable")
            return
        await ws.accept(subprotocol=graphql_ws.PROTOCOL)
        with contextlib.suppress(WebSocketDisconnect):
            await _Connection(ws, definition, verifier, scope_principal).run()

    return endpoint
