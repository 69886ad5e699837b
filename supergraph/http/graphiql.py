"""The admin GraphiQL console: a full-page GraphiQL served from local assets only.

Assets (React 18 + GraphiQL 3 UMD bundles, pinned in ``supergraph/http/graphiql/package-lock.json``)
are built at setup time by :func:`supergraph.http.graphiql_assets.ensure_assets` into
``supergraph/http/static/graphiql/`` and served under ``/graphiql-assets/``. The page has no
inline script (the bootstrap is ``/graphiql-assets/console.js``) and a strict
Content-Security-Policy: everything from ``'self'``, inline styles allowed (GraphiQL sets
element styles), ``data:`` fonts/images (GraphiQL's CSS embeds its fonts).

The page carries a sign-in bar (email + password -> ``POST /admin/session``, which runs
``accountLogin`` through the router and accepts admins only: anyone else gets 403
``ADMIN_REQUIRED`` and no token) and the saved admin operations as GraphiQL tabs, in a
``data-operations`` JSON attribute. The console is handed them (``AdminOperations``: read on
every render, so edits show without a restart) by whoever builds the router app
(``RouterConfig.admin_operations``; Pawgraph's are ``client-queries/admin``).

Gating (decision):

* **Development** (``RouterConfig.graphiql``): the console is open on ``GET /graphql``
  (browsers), ``/graphiql`` and ``/admin``. After an admin signs in, the console puts
  ``{"Authorization": "Bearer <token>"}`` into GraphiQL's headers (and on every tab's
  requests); sign-out clears it.
* **Everywhere else** the console exists only at ``/admin`` and only for an admin session:
  ``POST /admin/session`` sets an HttpOnly, SameSite=Strict cookie (``Path=/admin``, ``Secure``
  behind https; lifetime = the access token's) holding the short-lived access token, which
  every request re-verifies with the router's ``authenticate`` hook and an admin-role check.
  Without it ``GET /admin`` answers 403 with the sign-in form (React + console.js, no GraphiQL,
  no schema) - never the console. The console then talks to ``POST /admin/graphql``, which
  turns the cookie into the bearer token and runs the ordinary ``/graphql`` path (CSRF
  prevention, limits, masking included); ``/graphql`` itself never reads cookies and the token
  is never readable by scripts. Sign-in takes JSON only (a "simple" cross-site form post is
  refused with 415), so it needs a preflight like every other state-changing call.

Wiring: ``graphiql_routes("/graphql")`` (``/graphiql-assets/*`` and ``GET /graphiql``; the
``GET /graphql`` handler returns :func:`graphiql_page` when :func:`wants_graphiql`) in
development, and ``supergraph.http.admin_console.AdminConsole(...).routes()`` (``/admin``,
``/admin/session``, ``/admin/graphql``) always, as ``supergraph.http.app`` does.
"""

from __future__ import annotations

import html
import json
import logging
from typing import Any, Callable, Mapping

from graphql import OperationDefinitionNode, parse
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from supergraph.http.graphiql_assets import STAMP_NAME, STATIC_DIR, assets_ready
from supergraph.spec.types import named

# The saved admin operations, name -> document; called on every console render.
AdminOperations = Callable[[], Mapping[str, str]]

ASSETS_PATH = "/graphiql-assets"
ASSETS_ROUTE_NAME = "graphiql-assets"
ADMIN_PATH = "/admin"
SESSION_PATH = "/admin/session"
ADMIN_GRAPHQL_PATH = "/admin/graphql"

logger = logging.getLogger("pawgraph.router.console")

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{assets}/graphiql.min.css?v={version}">
<style>{style}</style>
</head>
<body>
<div id="graphiql" data-mode="{mode}" data-endpoint="{endpoint}" data-session="{session}"
 data-session-url="{session_url}" data-admin="{admin}" data-operations="{operations}">Loading&hellip;</div>
<script src="{assets}/react.production.min.js?v={version}"></script>
<script src="{assets}/react-dom.production.min.js?v={version}"></script>
{graphiql_script}<script src="{assets}/console.js?v={version}"></script>
</body>
</html>
"""

_STYLE = (
    "html, body { height: 100%; margin: 0; overflow: hidden; font-family: system-ui, sans-serif; }"
    " #graphiql, .pg-console { height: 100vh; display: flex; flex-direction: column; }"
    " .pg-bar { display: flex; gap: 8px; align-items: center; padding: 6px 12px; font-size: 14px;"
    " border-bottom: 1px solid #ddd; background: #f7f7f9; }"
    " .pg-bar input { padding: 3px 6px; } .pg-bar .pg-message { color: #b00020; }"
    " .pg-bar .pg-who { font-weight: 600; } .pg-graphiql { flex: 1; min-height: 0; }"
    " .pg-signin-page { padding: 48px; } .pg-signin-page .pg-bar { border: 1px solid #ddd; }"
)

def _check_path(graphql_path: str) -> str:
    if not graphql_path.startswith("/") or graphql_path.startswith("//"):
        raise ValueError(f"graphql_path must be a same-origin absolute path like '/graphql', got {graphql_path!r}")
    return graphql_path


def _assets_version() -> str:
    """Cache-busting token: changes whenever the assets are rebuilt from another lock file."""
    try:
        stamp = json.loads((STATIC_DIR / STAMP_NAME).read_text())
        return (stamp.get("lock", "")[:12] + stamp.get("sources", "")[:8]) or "0"
    except (OSError, ValueError):
        return "0"


def wants_graphiql(request: Request) -> bool:
    """A browser navigating to the endpoint: GET, ``Accept`` includes text/html, no ``query`` param."""
    if request.method != "GET":
        return False
    if "text/html" not in request.headers.get("accept", "").lower():
        return False
    return "query" not in request.query_params


def _not_built() -> Response:
    return PlainTextResponse(
        "GraphiQL assets are not built. Run `python -m supergraph.http.graphiql_assets` "
        "(needs npm; installs the pinned packages from supergraph/http/graphiql/package-lock.json).",
        status_code=503,
        headers={"Cache-Control": "no-store"},
    )


def _render(request: Request, *, mode: str, endpoint: str = "", session: str = "token", admin: str = "",
            status_code: int = 200, operations: AdminOperations | None = None) -> Response:
    root_path = request.scope.get("root_path", "").rstrip("/")
    tabs = saved_operations(operations) if mode == "console" else []
    body = _PAGE.format(
        title="Pawgraph admin console" if mode == "console" else "Pawgraph admin sign-in",
        assets=html.escape(root_path + ASSETS_PATH, quote=True),
        version=_assets_version(),
        style=_STYLE,
        mode=mode,
        endpoint=html.escape(endpoint, quote=True),
        session=session,
        session_url=html.escape(root_path + SESSION_PATH, quote=True),
        admin=html.escape(admin, quote=True),
        operations=html.escape(json.dumps(tabs, separators=(",", ":")), quote=True),
        graphiql_script=(f'<script src="{html.escape(root_path + ASSETS_PATH, quote=True)}/graphiql.min.js'
                         f'?v={_assets_version()}"></script>\n' if mode == "console" else ""),
    )
    return HTMLResponse(body, status_code=status_code, headers=SECURITY_HEADERS)


def graphiql_page(request: Request, graphql_path: str | None = None, *, session: str = "token",
                  admin: str = "", operations: AdminOperations | None = None) -> Response:
    """The console page, talking to ``graphql_path`` (default: the path it is served on), with
    ``operations`` (the saved admin operations; None: no tabs) as tabs.

    ``session="token"`` (development): the sign-in panel puts the admin's bearer token into
    GraphiQL's headers. ``session="cookie"`` (the gated ``/admin`` console): the token stays in
    the HttpOnly session cookie and ``graphql_path`` is the cookie-authenticated endpoint.
    """
    root_path = request.scope.get("root_path", "").rstrip("/")
    if graphql_path is None:
        endpoint = request.url.path  # the full path the browser requested (includes root_path)
    else:
        endpoint = root_path + _check_path(graphql_path)
    if not assets_ready():
        return _not_built()
    return _render(request, mode="console", endpoint=endpoint, session=session, admin=admin,
                   operations=operations)


def sign_in_page(request: Request, status_code: int = 403) -> Response:
    """The gated console's sign-in form (React + console.js only; no GraphiQL, no schema)."""
    if not assets_ready():
        return _not_built()
    return _render(request, mode="sign-in", session="cookie", status_code=status_code)


def saved_operations(operations: AdminOperations | None) -> list[dict[str, str]]:
    """The saved admin operations as GraphiQL tabs: query + variables."""
    if operations is None:
        return []
    try:
        documents = operations()
    except (OSError, ValueError):
        logger.warning("admin console: saved operations could not be loaded", exc_info=True)
        return []
    return [{"name": name, "query": document + "\n", "variables": _variables_template(document)}
            for name, document in documents.items()]


_PLACEHOLDERS = {"ID": "", "String": "", "Int": 0, "Float": 0, "Boolean": False}


def _variables_template(document: str) -> str:
    """``{"id": ""}``-style variables for the operation's variable definitions (empty if none)."""
    values: dict[str, Any] = {}
    for definition in parse(document).definitions:
        if isinstance(definition, OperationDefinitionNode):
            for variable in definition.variable_definitions or ():
                values[variable.variable.name.value] = _PLACEHOLDERS.get(named(variable.type))
    return json.dumps(values, indent=2) if values else ""


def graphiql_routes(graphql_path: str = "/graphql", operations: AdminOperations | None = None) -> list[BaseRoute]:
    """``/graphiql-assets/*`` (static files) and ``GET /graphiql`` (the page, against ``graphql_path``,
    with ``operations`` as tabs).

    Add these for dev/admin deployments only. The router's ``GET /graphql`` can also return
    :func:`graphiql_page` when :func:`wants_graphiql` is true.
    """
    _check_path(graphql_path)

    async def graphiql(request: Request) -> Response:
        return graphiql_page(request, graphql_path, operations=operations)

    return [
        Mount(ASSETS_PATH, app=StaticFiles(directory=STATIC_DIR, check_dir=False), name=ASSETS_ROUTE_NAME),
        Route("/graphiql", graphiql, methods=["GET"], name="graphiql"),
    ]


__all__ = [
    "ADMIN_PATH",
    "ASSETS_PATH",
    "AdminOperations",
    "CONTENT_SECURITY_POLICY",
    "graphiql_page",
    "graphiql_routes",
    "saved_operations",
    "sign_in_page",
    "wants_graphiql",
]
