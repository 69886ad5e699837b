"""The ASGI app every subgraph runs: identity check, unit of work, GraphQL over POST.

Request path: read body -> verify the router identity token for exactly this body (401 before
any GraphQL runs, ``_service``/``_entities`` included) -> execute with a fresh context ->
commit the unit of work when a mutation had no errors, else roll back -> admin requests
written to the audit log (``auth.audit``) -> orjson response.
``GET /health`` answers 200 without identity (liveness only, no data).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, WebSocketRoute

from auth.errors import AuthError
from auth.router_identity import HEADER, IdentityVerifier
from subgraphs.shared.context import SubgraphContext, UnitOfWork
from subgraphs.shared.ws import subscriptions_endpoint


@dataclass
class SubgraphDefinition:
    name: str
    schema: Any  # strawberry.federation.Schema
    lifespan: Callable[[Starlette], AbstractAsyncContextManager[Any]]
    loaders: Callable[[Any], Any]  # loaders.<name>.LOADERS, handed over by the registry


def _json(payload: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(payload), status_code=status, media_type="application/json")


def _error(message: str, code: str, status: int) -> Response:
    return _json({"errors": [{"message": message, "extensions": {"code": code}}]}, status)


def _serialize(result: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {"data": result.data}
    if result.errors:
        payload["errors"] = [err.formatted for err in result.errors]
    return payload


def create_subgraph_app(definition: SubgraphDefinition, verifier: IdentityVerifier,
                        care: Any = None, audit: Any = None) -> Starlette:
    """``care``: an ``auth.access.CareDirectory`` (staff principals get their clinic's patients);
    ``audit``: an ``auth.audit.AuditLog`` (admin requests are written to it after they ran)."""

    async def graphql(request: Request) -> Response:
        body = await request.body()
        try:
            principal = verifier.verify(request.headers.get(HEADER), body)
        except AuthError as exc:
            return _error(exc.message, exc.code, 401)
        if care is not None:
            principal = await care.scope(principal)
        try:
            params = orjson.loads(body)
            query = params["query"]
        except (orjson.JSONDecodeError, KeyError, TypeError):
            return _error("body must be JSON with a 'query'", "BAD_REQUEST", 400)
        uow = UnitOfWork(getattr(request.app.state, "engine", None))
        context = SubgraphContext(principal=principal, uow=uow, resources=request.app.state,
                                  loaders_class=definition.loaders)
        result = None
        try:
            result = await definition.schema.execute(
                query, variable_values=params.get("variables"), context_value=context,
                operation_name=params.get("operationName"))
        finally:
            commit = result is not None and not result.errors and _mutates(query, params)
            await uow.finish(commit=commit)
        if audit is not None and principal.is_admin:
            from auth.audit import audit_request

            await audit_request(audit, definition.name, principal, query, params, result,
                                commit, context.audit)
        return _json(_serialize(result))

    async def health(_: Request) -> Response:
        return _json({"status": "ok", "subgraph": definition.name})

    @asynccontextmanager
    async def lifespan(app: Starlette):
        async with definition.lifespan(app):
            try:
                yield
            finally:
                if care is not None:
                    await care.aclose()
                if audit is not None:
                    await audit.aclose()

    scope_principal = care.scope if care is not None else None
    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"]),
                             WebSocketRoute("/graphql", subscriptions_endpoint(
                                 definition, verifier, scope_principal)),
                             Route("/health", health, methods=["GET"])],
                     lifespan=lifespan)


def _mutates(query: str, params: dict[str, Any]) -> bool:
    """True when the selected operation is a mutation (parsed from the cached document)."""
    from graphql import OperationType

    try:
        document = _parse_cached(query)
    except Exception:  # noqa: BLE001 - unparsable documents never reach a commit
        return False
    name = params.get("operationName")
    for definition in document.definitions:
        operation = getattr(definition, "operation", None)
        if operation is None:
            continue
        if name is None or (definition.name and definition.name.value == name):
            return operation is OperationType.MUTATION
    return False


_PARSED: dict[str, Any] = {}


def _parse_cached(query: str) -> Any:
    from graphql import parse

    document = _PARSED.get(query)
    if document is None:
        if len(_PARSED) > 1024:
            _PARSED.clear()
        document = _PARSED[query] = parse(query)
    return document
