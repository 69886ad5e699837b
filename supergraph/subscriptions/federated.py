"""Federated subscriptions: the owning subgraph streams, the router completes each event.

The subscription operation is planned like any other (authorization included): its root
fetch - the one whose kind is ``subscription`` - is opened upstream at the owning subgraph
as a WebSocket subscription; for every event, the rest of the plan (``_entities`` fetches to
the other subgraphs) runs with the event's data standing in for the root fetch's response,
and the precompiled shaper builds the client payload. One upstream subscription per client
subscription, all multiplexed over one connection per subgraph (``upstream``); buffering
is bounded there and by the client's send queue.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

from auth.router_identity import HEADER, subscribe_body
from supergraph.errors import ErrorCode, GraphQLRequestError
from supergraph.execution.executor import Executor
from supergraph.planning.plan import Fetch, fetches
from supergraph.request.authorization import expand_paths
from supergraph.subscriptions.upstream import open_stream


class _EventExecutor(Executor):
    """The router's executor, except that the root fetch is answered by an event."""

    def __init__(self, base: Executor, root: Fetch, event: Mapping[str, Any]) -> None:
        self.__dict__.update(base.__dict__)  # same transports, identity, policies, breakers
        self._root, self._event = root, event

    async def send(self, fetch: Fetch, variables: dict[str, Any], principal: Any):
        if fetch is self._root:
            errors = self._event.get("errors") or []
            return self._event.get("data"), errors if isinstance(errors, list) else []
        return await super().send(fetch, variables, principal)


def _root_fetch(plan) -> Fetch:
    roots = [f for f in fetches(plan.node) if f.operation_kind == "subscription"]
    if len(roots) != 1:
        raise GraphQLRequestError(ErrorCode.BAD_USER_INPUT,
                                  "A subscription must select exactly one root field.")
    return roots[0]


def _target(transport: Any) -> tuple[Any, str]:
    """(ASGI app or ws URL, path) for opening a WebSocket to the subgraph."""
    app = getattr(transport, "app", None)
    if app is not None:
        return app, getattr(transport, "path", "/graphql")
    return transport.url, "/graphql"


async def subscribe(router: Any, identity_headers: Any, payload: Mapping[str, Any],
                    principal: Any) -> AsyncIterator[dict[str, Any]]:
    """Validate, authorize and plan ``payload``; then yield one response body per event."""
    query, operation = payload.get("query"), payload.get("operationName")
    if not isinstance(query, str) or not query.strip():
        raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "Must provide query string.")
    prepared = router.prepare(query, operation)
    if prepared.kind != "subscription":
        raise GraphQLRequestError(ErrorCode.BAD_REQUEST,
                                  "Only subscriptions are served over this WebSocket.")
    coerced = router.coerce_variables(prepared, payload.get("variables"))
    if router.policy is not None:
        router.policy.check_operation(router.schema, prepared, coerced, principal)
    plan, denied = router.plan(prepared, coerced, principal)
    root = _root_fetch(plan)
    variables = {k: coerced[k] for k in root.variable_usages if k in coerced}
    upstream = {"query": root.operation_text, "operationName": root.operation_name,
                "variables": variables}
    body = subscribe_body(root.operation_text, variables, root.operation_name)
    identity = identity_headers(root.subgraph, body, principal)[HEADER]
    target, path = _target(router.transports[root.subgraph])
    shaper = router.shaper(prepared, coerced)
    return _events(router, plan, root, coerced, principal, denied, shaper,
                   open_stream(target, upstream, identity, path))


async def _events(router, plan, root, coerced, principal, denied, shaper,
                  stream) -> AsyncIterator[dict[str, Any]]:
    async for event in stream:
        data, errors = await _EventExecutor(router.executor, root, event).run(
            plan, coerced, principal)
        errors = [*denied, *errors]
        shaped = shaper.shape(data, errors)
        errors = expand_paths(errors, shaped)  # authorization errors get their list indices
        body: dict[str, Any] = {"data": shaped}
        if errors:
            body["errors"] = errors
        yield body
