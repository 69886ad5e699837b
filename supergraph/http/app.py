"""The router's Starlette app: POST/GET /graphql, /health, /metrics, /.well-known/jwks.json
(the token issuer's public keys, when configured), the admin console (/admin, /admin/session,
/admin/graphql: admin sessions only outside development; open GraphiQL on /graphql and
/graphiql in dev; see ``supergraph.http.graphiql``).

Request path (each step refuses with a coded error before the next one runs):
request id (``x-request-id``) -> CORS (configured origins) -> CSRF prevention -> body size
and batch size -> client authentication (identity headers are read here and never
forwarded) -> document resolution by id before any parsing (trusted documents for
partners, APQ in Redis, safelist) -> ``Router.handle`` (token cap, parse, limits, validate,
introspection and cost, plan, execute, shape) -> errors cleaned outside development
(``supergraph.edge.masking``) -> orjson. Mutations are accepted over POST only; a JSON
array body is a batch (``HttpConfig.max_batch_size``).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Awaitable, Callable, Mapping, Sequence

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, WebSocketRoute

from supergraph.edge.apq import APQStore
from supergraph.edge.config import EdgeConfig
from supergraph.edge.csrf import check_csrf
from supergraph.edge.edge import Edge
from supergraph.errors import GraphQLRequestError
from supergraph.http.admin_console import AdminConsole
from supergraph.http.graphiql import AdminOperations, graphiql_page, graphiql_routes, wants_graphiql
from supergraph.http.metrics import render_metrics
from supergraph.http.request import read_get, read_post
from supergraph.router import IdentityHeaders, Router
from supergraph.subscriptions.protocol import SubscriptionLimits
from supergraph.subscriptions.users import SharedUserSubscriptions
from supergraph.transport.base import SubgraphTransport

Authenticate = Callable[[Mapping[str, str]], Any]
Hook = Callable[[], Awaitable[None]]

JSON = "application/json"
# The peer's address, added by the router for the auth hook (rate limits); a client-sent
# header of this name is overwritten, never trusted (auth.router_auth reads it).
PEER_ADDRESS_HEADER = "x-pawgraph-peer-address"
access_log = logging.getLogger("pawgraph.router.access")


@dataclass
class RouterConfig:
    supergraph_sdl: str
    transports: Mapping[str, SubgraphTransport]
    authenticate: Authenticate
    identity_headers: IdentityHeaders
    dev: bool = False
    # The admin GraphiQL console on GET /graphql (browsers), /graphiql and /admin, open to all
    # (development); assets are local. Without it, /admin serves the console to admin sessions only.
    graphiql: bool = False
    admin_console: bool = True
    # The console's saved operations as tabs (name -> document, read on every render); None: none.
    admin_operations: AdminOperations | None = None
    on_startup: Sequence[Hook] = field(default_factory=tuple)
    on_shutdown: Sequence[Hook] = field(default_factory=tuple)
    # Limits, persisted queries, CSRF/CORS, introspection (supergraph.edge.config).
    edge: EdgeConfig = field(default_factory=EdgeConfig)
    # Shared APQ store (Redis); None: APQ refused with PERSISTED_QUERY_NOT_SUPPORTED.
    apq_store: APQStore | None = None
    # The token issuer's public keys (``auth.jwks``), served at /.well-known/jwks.json.
    jwks: Mapping[str, Any] | None = None
    # Live updates on the /graphql WebSocket (supergraph.subscriptions.protocol).
    subscription_limits: SubscriptionLimits = field(default_factory=SubscriptionLimits)
    # Per-user subscription limit across router instances (Redis leases); None: per process.
    subscription_users: SharedUserSubscriptions | None = None


def json_response(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type=JSON)


class _GraphQLEndpoint:
    def __init__(self, config: RouterConfig, router: Router, edge: Edge) -> None:
        self.config, self.router, self.edge = config, router, edge

    async def handle(self, request: Request) -> Response:
        if self.config.graphiql and wants_graphiql(request):
            return graphiql_page(request, operations=self.config.admin_operations)
        headers = {k.lower(): v for k, v in request.headers.items()}
        headers[PEER_ADDRESS_HEADER] = request.client.host if request.client else ""
        http = self.edge.config.http
        try:
            if http.csrf_prevention:
                check_csrf(request.method, headers, http.csrf_headers)
            payload = await read_post(request, http) if request.method == "POST" else read_get(request, http)
            principal = self.config.authenticate(headers)
            if inspect.isawaitable(principal):  # external OIDC issuers may fetch their JWKS
                principal = await principal
        except GraphQLRequestError as exc:
            return self._refused(exc)
        mutations = request.method == "POST"
        plan = headers.get("pawgraph-include-query-plan") == "true"  # honoured for admins only
        if isinstance(payload, list):
            results = await asyncio.gather(*(self.run(p, principal, mutations, plan) for p in payload))
            return json_response([body for body, _ in results])
        body, status = await self.run(payload, principal, mutations, plan)
        return json_response(body, status)

    async def run(self, payload: dict[str, Any], principal: Any, mutations: bool,
                  plan: bool = False) -> tuple[Any, int]:
        try:
            document = await self.edge.documents.resolve(payload, principal)
        except GraphQLRequestError as exc:
            self._count(exc)
            access_log.info("graphql refused code=%s", exc.code)
            return exc.to_response(), exc.status
        result = await self.router.handle(document.query, payload.get("variables"),
                                          document.operation_name, principal, allow_mutations=mutations,
                                          include_plan=plan)
        body = self.edge.clean(result.body, principal)
        found = {(e.get("extensions") or {}).get("code") for e in body.get("errors") or ()}
        codes = sorted(code for code in found if code is not None)
        access_log.info("graphql operation=%s persisted=%s status=%s codes=%s", document.operation_name,
                        document.persisted, result.status, ",".join(codes) or "-")
        return body, result.status

    async def execute(self, query: str, variables: Mapping[str, Any], request: Request) -> Any:
        """Run ``query`` through the router as the anonymous caller of ``request`` (console sign-in)."""
        headers = {PEER_ADDRESS_HEADER: request.client.host if request.client else ""}
        principal = self.config.authenticate(headers)
        if inspect.isawaitable(principal):
            principal = await principal
        return (await self.router.handle(query, dict(variables), None, principal)).body

    def _count(self, exc: GraphQLRequestError) -> None:
        self.router.requests_total += 1
        self.router.errors_total[str(exc.code)] = self.router.errors_total.get(str(exc.code), 0) + 1

    def _refused(self, exc: GraphQLRequestError) -> Response:
        self._count(exc)
        access_log.info("graphql refused code=%s", exc.code)
        return json_response(exc.to_response(), exc.status)


def _subscriptions(config: RouterConfig, router: Router):
    """graphql-transport-ws on /graphql (``supergraph.subscriptions``)."""
    from supergraph.subscriptions.federated import subscribe
    from supergraph.subscriptions.protocol import subscription_endpoint

    async def start(payload, principal):
        return await subscribe(router, config.identity_headers, payload, principal)

    return subscription_endpoint(config.authenticate, start, config.subscription_limits,
                                 config.subscription_users)


def create_router_app(config: RouterConfig) -> Starlette:
    edge = Edge(config.edge, config.supergraph_sdl, dev=config.dev, apq_store=config.apq_store)
    router = Router(config.supergraph_sdl, config.transports, config.identity_headers, dev=config.dev,
                    policy=edge.policy)

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
            await edge.aclose()
            if config.subscription_users is not None:
                await config.subscription_users.aclose()
            for hook in config.on_shutdown:
                await hook()

    async def jwks(request: Request) -> Response:
        response = json_response(config.jwks)
        response.headers["cache-control"] = "public, max-age=300"
        return response

    endpoint = _GraphQLEndpoint(config, router, edge)
    routes = [
        Route("/graphql", endpoint.handle, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", _subscriptions(config, router)),
        Route("/health", health, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]
    if config.jwks is not None:
        routes.append(Route("/.well-known/jwks.json", jwks, methods=["GET"]))
    if config.graphiql:
        routes += graphiql_routes("/graphql", config.admin_operations)
    if config.graphiql or config.admin_console:
        routes += AdminConsole(authenticate=config.authenticate, execute=endpoint.execute, graphql=endpoint.handle,
                               open_console=config.graphiql,
                               operations=config.admin_operations).routes(with_assets=not config.graphiql)
    app = Starlette(routes=routes, lifespan=lifespan, middleware=edge.middleware())
    app.state.router = router
    app.state.edge = edge
    return app
