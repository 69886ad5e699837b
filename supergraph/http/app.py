"""The router's Starlette app: POST/GET /graphql, /health, /metrics.

Request path: authenticate (client identity headers are read here and never
forwarded) -> ``Router.handle`` (parse, validate, plan, execute, shape) -> orjson.
Mutations are accepted over POST only.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Awaitable, Callable, Mapping, Sequence

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from supergraph.errors import ErrorCode, GraphQLRequestError
from supergraph.http.graphiql import graphiql_page, graphiql_routes, wants_graphiql
from supergraph.http.metrics import render_metrics
from supergraph.router import IdentityHeaders, Router
from supergraph.transport.base import SubgraphTransport

Authenticate = Callable[[Mapping[str, str]], Any]
Hook = Callable[[], Awaitable[None]]

JSON = "application/json"


@dataclass
class RouterConfig:
    supergraph_sdl: str
    transports: Mapping[str, SubgraphTransport]
    authenticate: Authenticate
    identity_headers: IdentityHeaders
    dev: bool = False
    # The admin GraphiQL console on GET /graphql (browsers) and /graphiql; assets are local.
    graphiql: bool = False
    on_startup: Sequence[Hook] = field(default_factory=tuple)
    on_shutdown: Sequence[Hook] = field(default_factory=tuple)


def json_response(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type=JSON)


def _error_response(exc: GraphQLRequestError) -> Response:
    return json_response(exc.to_response(), exc.status)


async def _read_post(request: Request) -> dict[str, Any]:
    content_type = request.headers.get("content-type", "")
    if "json" not in content_type:
        raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "Content-Type must be application/json.", status=415)
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "Request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "Request body must be a JSON object.")
    return body


def _read_get(request: Request) -> dict[str, Any]:
    params = request.query_params
    body: dict[str, Any] = {"query": params.get("query"), "operationName": params.get("operationName")}
    for name in ("variables", "extensions"):
        raw = params.get(name)
        if raw:
            try:
                body[name] = orjson.loads(raw)
            except orjson.JSONDecodeError:
                raise GraphQLRequestError(ErrorCode.BAD_REQUEST, f"{name} is not valid JSON.") from None
    return body


def create_router_app(config: RouterConfig) -> Starlette:
    router = Router(config.supergraph_sdl, config.transports, config.identity_headers, dev=config.dev)

    async def graphql(request: Request) -> Response:
        if config.graphiql and wants_graphiql(request):
            return graphiql_page(request)
        try:
            payload = await _read_post(request) if request.method == "POST" else _read_get(request)
            principal = config.authenticate({k.lower(): v for k, v in request.headers.items()})
        except GraphQLRequestError as exc:
            return _error_response(exc)
        result = await router.handle(
            payload.get("query"),
            payload.get("variables"),
            payload.get("operationName"),
            principal,
            allow_mutations=request.method == "POST",
        )
        return json_response(result.body, result.status)

    async def health(request: Request) -> Response:
        return json_response({"status": "ok"})

    async def metrics(request: Request) -> Response:
        return Response(render_metrics(router), media_type="text/plain; version=0.0.4")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        for hook in config.on_startup:
            await hook()
        try:
            yield
        finally:
            await router.aclose()
            for hook in config.on_shutdown:
                await hook()

    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/health", health, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]
    if config.graphiql:
        routes += graphiql_routes("/graphql")
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
    )
    app.state.router = router
    return app
