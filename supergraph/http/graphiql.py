"""The admin GraphiQL console: a full-page GraphiQL served from local assets only.

Assets (React 18 + GraphiQL 3 UMD bundles, pinned in ``supergraph/http/graphiql/package-lock.json``)
are built at setup time by :func:`supergraph.http.graphiql_assets.ensure_assets` into
``supergraph/http/static/graphiql/`` and served under ``/graphiql-assets/``. The page has no
inline script (the bootstrap is ``/graphiql-assets/console.js``) and a strict
Content-Security-Policy: everything from ``'self'``, inline styles allowed (GraphiQL sets
element styles), ``data:`` fonts/images (GraphiQL's CSS embeds its fonts).

Wiring (dev/admin only)::

    routes += graphiql_routes("/graphql")           # /graphiql-assets/* and GET /graphiql
    # in the GET /graphql handler:
    if wants_graphiql(request):
        return graphiql_page(request)
"""

from __future__ import annotations

import html
import json

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from supergraph.http.graphiql_assets import STAMP_NAME, STATIC_DIR, assets_ready

ASSETS_PATH = "/graphiql-assets"
ASSETS_ROUTE_NAME = "graphiql-assets"

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
<title>Pawgraph GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{assets}/graphiql.min.css?v={version}">
<style>html, body {{ height: 100%; margin: 0; overflow: hidden; }} #graphiql {{ height: 100vh; }}</style>
</head>
<body>
<div id="graphiql" data-endpoint="{endpoint}">Loading GraphiQL&hellip;</div>
<script src="{assets}/react.production.min.js?v={version}"></script>
<script src="{assets}/react-dom.production.min.js?v={version}"></script>
<script src="{assets}/graphiql.min.js?v={version}"></script>
<script src="{assets}/console.js?v={version}"></script>
</body>
</html>
"""


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


def graphiql_page(request: Request, graphql_path: str | None = None) -> Response:
    """The GraphiQL HTML page, talking to ``graphql_path`` (default: the path it is served on)."""
    root_path = request.scope.get("root_path", "").rstrip("/")
    if graphql_path is None:
        endpoint = request.url.path  # the full path the browser requested (includes root_path)
    else:
        endpoint = root_path + _check_path(graphql_path)
    if not assets_ready():
        return PlainTextResponse(
            "GraphiQL assets are not built. Run `python -m supergraph.http.graphiql_assets` "
            "(needs npm; installs the pinned packages from supergraph/http/graphiql/package-lock.json).",
            status_code=503,
            headers={"Cache-Control": "no-store"},
        )
    body = _PAGE.format(
        assets=html.escape(root_path + ASSETS_PATH, quote=True),
        version=_assets_version(),
        endpoint=html.escape(endpoint, quote=True),
    )
    return HTMLResponse(body, headers=SECURITY_HEADERS)


def graphiql_routes(graphql_path: str = "/graphql") -> list[BaseRoute]:
    """``/graphiql-assets/*`` (static files) and ``GET /graphiql`` (the page, against ``graphql_path``).

    Add these for dev/admin deployments only. The router's ``GET /graphql`` can also return
    :func:`graphiql_page` when :func:`wants_graphiql` is true.
    """
    _check_path(graphql_path)

    async def graphiql(request: Request) -> Response:
        return graphiql_page(request, graphql_path)

    return [
        Mount(ASSETS_PATH, app=StaticFiles(directory=STATIC_DIR, check_dir=False), name=ASSETS_ROUTE_NAME),
        Route("/graphiql", graphiql, methods=["GET"], name="graphiql"),
    ]


__all__ = [
    "ASSETS_PATH",
    "CONTENT_SECURITY_POLICY",
    "graphiql_page",
    "graphiql_routes",
    "wants_graphiql",
]
