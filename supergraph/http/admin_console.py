"""The gated admin console: ``/admin`` (the page), ``/admin/session`` (sign in/out) and
``/admin/graphql`` (the router's ``/graphql`` as the signed-in admin).

The pages and the gating decision are described in ``supergraph.http.graphiql``.
"""

from __future__ import annotations

import inspect
import json
from datetime import datetime, timezone
from typing import Any, Awaitable, Callable, Mapping

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from supergraph.errors import ErrorCode, GraphQLRequestError
from supergraph.http.graphiql import (
    ADMIN_GRAPHQL_PATH,
    ADMIN_PATH,
    ASSETS_PATH,
    ASSETS_ROUTE_NAME,
    SESSION_PATH,
    AdminOperations,
    graphiql_page,
    sign_in_page,
)
from supergraph.http.graphiql_assets import STATIC_DIR
from supergraph.router import is_admin

SESSION_COOKIE = "pawgraph_admin_session"
USER_COOKIE = "pawgraph_admin_user"  # display only (who is signed in); never trusted
MAX_SIGN_IN_BYTES = 4096
# The console's own refusals (HTTP 403), part of the router's ErrorCode catalogue.
ADMIN_REQUIRED = ErrorCode.ADMIN_REQUIRED
ADMIN_SESSION_REQUIRED = ErrorCode.ADMIN_SESSION_REQUIRED
SIGN_IN_MUTATION = """mutation ConsoleSignIn($email: String!, $password: String!) {
  accountLogin(input: { email: $email, password: $password }) {
    account { email roles }
    tokens { accessToken accessTokenExpiresAt }
    errors { code message }
  }
}"""

Execute = Callable[[str, Mapping[str, Any], Request], Awaitable[Mapping[str, Any]]]
Handler = Callable[[Request], Awaitable[Response]]


def _coded(status: int, code: str, message: str) -> Response:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return Response(json.dumps(body), status_code=status, media_type="application/json",
                    headers={"Cache-Control": "no-store"})


async def _read_capped(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it grows past ``limit`` bytes."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _login_refused(errors: list[Mapping[str, Any]]) -> Response:
    """``accountLogin``'s own coded error (wrong password, rate limit); anything else is generic."""
    error = errors[0] if errors else {}
    code = str(error.get("code") or ErrorCode.UNAUTHENTICATED)
    message = str(error.get("message") or "Sign-in failed.")
    return _coded(429 if code == ErrorCode.RATE_LIMITED else 401, code, message)


def _max_age(expires_at: str | None) -> int:
    try:
        expires = datetime.fromisoformat(str(expires_at).replace("Z", "+00:00"))
        return max(0, int((expires - datetime.now(timezone.utc)).total_seconds()))
    except (TypeError, ValueError):
        return 900


class AdminConsole:
    """``/admin`` (the console), ``/admin/session`` (sign in/out) and ``/admin/graphql``.

    ``authenticate`` is the router's hook (headers -> principal, or an awaitable of one; raises
    on a bad token); ``execute`` runs a document through the router as the request's anonymous caller
    (peer address kept for the login rate limits); ``graphql`` is the router's ``/graphql`` handler.
    ``open_console`` (development): the console is served to anyone and the sign-in returns the
    token for GraphiQL's headers.
    ``operations``: the saved admin operations shown as tabs (None: none).
    """

    def __init__(self, *, authenticate: Callable[[Mapping[str, str]], Any], execute: Execute,
                 graphql: Handler, open_console: bool, operations: AdminOperations | None = None) -> None:
        self.authenticate, self.execute, self.graphql = authenticate, execute, graphql
        self.open_console = open_console
        self.operations = operations

    async def admin_token(self, request: Request) -> str | None:
        """The session cookie's token if it verifies and belongs to an admin, else None."""
        return await self._admin(request.cookies.get(SESSION_COOKIE))

    async def _admin(self, token: str | None) -> str | None:
        if not token:
            return None
        try:
            principal = self.authenticate({"authorization": f"Bearer {token}"})
            if inspect.isawaitable(principal):
                principal = await principal
        except GraphQLRequestError:
            return None
        return token if is_admin(principal) else None

    async def page(self, request: Request) -> Response:
        if self.open_console:
            return graphiql_page(request, "/graphql", session="token", operations=self.operations)
        if await self.admin_token(request) is None:
            return sign_in_page(request)  # 403: the sign-in form, never the console
        return graphiql_page(request, ADMIN_GRAPHQL_PATH, session="cookie",
                             admin=request.cookies.get(USER_COOKIE, "admin"), operations=self.operations)

    async def sign_in(self, request: Request) -> Response:
        if "application/json" not in request.headers.get("content-type", "").lower():
            return _coded(415, ErrorCode.BAD_REQUEST, "Sign-in takes a JSON body: {email, password}.")
        raw = await _read_capped(request, MAX_SIGN_IN_BYTES)
        if raw is None:
            return _coded(413, ErrorCode.REQUEST_TOO_LARGE, f"Sign-in bodies are at most {MAX_SIGN_IN_BYTES} bytes.")
        try:
            body = json.loads(raw)
            variables = {"email": str(body["email"]), "password": str(body["password"])}
        except (ValueError, KeyError, TypeError):
            return _coded(400, ErrorCode.BAD_REQUEST, "Sign-in takes a JSON body: {email, password}.")
        result = await self.execute(SIGN_IN_MUTATION, variables, request)
        login = (result.get("data") or {}).get("accountLogin") or {}
        token = (login.get("tokens") or {}).get("accessToken")
        if not token:
            return _login_refused(login.get("errors") or [])
        email = (login.get("account") or {}).get("email") or variables["email"]
        if await self._admin(token) is None:  # verified like every later request will be
            return _coded(403, ADMIN_REQUIRED, f"The console is for admins; {email} is not an admin.")
        return self._signed_in(request, token, email, login["tokens"].get("accessTokenExpiresAt"))

    def _signed_in(self, request: Request, token: str, email: str, expires_at: str | None) -> Response:
        body: dict[str, Any] = {"account": {"email": email}, "expiresAt": expires_at}
        if self.open_console:
            body["accessToken"] = token  # development: the console puts it into GraphiQL's headers
        response = Response(json.dumps(body), media_type="application/json", headers={"Cache-Control": "no-store"})
        secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
        for name, value in ((SESSION_COOKIE, token), (USER_COOKIE, email)):
            response.set_cookie(name, value, max_age=_max_age(expires_at), path=ADMIN_PATH,
                                httponly=True, samesite="strict", secure=secure)
        return response

    async def sign_out(self, request: Request) -> Response:
        response = Response(status_code=204, headers={"Cache-Control": "no-store"})
        for name in (SESSION_COOKIE, USER_COOKIE):
            response.delete_cookie(name, path=ADMIN_PATH, httponly=True, samesite="strict")
        return response

    async def graphql_with_session(self, request: Request) -> Response:
        """The router's /graphql as the signed-in admin: the cookie's token becomes the bearer."""
        token = await self.admin_token(request)
        if token is None:
            return _coded(403, ADMIN_SESSION_REQUIRED, "Sign in to the admin console first.")
        scope = dict(request.scope)
        scope["headers"] = [(k, v) for k, v in request.scope["headers"] if k not in (b"authorization", b"cookie")]
        scope["headers"].append((b"authorization", f"Bearer {token}".encode()))
        return await self.graphql(Request(scope, request.receive))

    def routes(self, *, with_assets: bool) -> list[BaseRoute]:
        routes: list[BaseRoute] = [
            Route(ADMIN_PATH, self.page, methods=["GET"], name="admin-console"),
            Route(SESSION_PATH, self.sign_in, methods=["POST"], name="admin-sign-in"),
            Route(SESSION_PATH, self.sign_out, methods=["DELETE"], name="admin-sign-out"),
            Route(ADMIN_GRAPHQL_PATH, self.graphql_with_session, methods=["POST"], name="admin-graphql"),
        ]
        if with_assets:
            routes.append(Mount(ASSETS_PATH, app=StaticFiles(directory=STATIC_DIR, check_dir=False),
                                name=ASSETS_ROUTE_NAME))
        return routes
