"""``Edge``: the router's client-facing rules, assembled from an ``EdgeConfig``.

Request path (``supergraph.http.app``): request id -> CORS -> CSRF -> body size / batch
size -> client authentication -> document resolution (trusted documents, APQ, safelist;
``supergraph.edge.documents``) -> ``Router.handle`` with ``Edge.policy`` (token cap,
limits, validation, introspection, cost) -> error cleaning (``supergraph.edge.masking``).

In development (``dev=True``) introspection, suggestions and unmasked errors are on for
everyone; elsewhere only for ``EdgeConfig.privileged_roles`` (introspection, suggestions).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from supergraph.edge.apq import APQStore
from supergraph.edge.config import EdgeConfig, is_privileged
from supergraph.edge.documents import DocumentResolver
from supergraph.edge.manifest import ManifestSource
from supergraph.edge.masking import clean_errors
from supergraph.edge.policy import EdgePolicy
from supergraph.edge.request_id import REQUEST_ID_HEADER, RequestIdMiddleware

CORS_HEADERS = ["content-type", "authorization", "apollo-require-preflight", "x-apollo-operation-name",
                "graphql-preflight", "apollographql-client-name", "apollographql-client-version",
                REQUEST_ID_HEADER]


class Edge:
    def __init__(self, config: EdgeConfig, supergraph_sdl: str, *, dev: bool = False,
                 apq_store: APQStore | None = None) -> None:
        self.dev = dev
        self.config = replace(config, introspection=config.introspection or dev,
                              suggestions=config.suggestions or dev)
        self.policy = EdgePolicy(self.config, supergraph_sdl)
        persisted = config.persisted
        self.manifest = ManifestSource(persisted.manifest_path, persisted.reload_interval_seconds)
        self.apq_store = apq_store
        self.documents = DocumentResolver(persisted, self.manifest, apq_store)

    def clean(self, body: Any, principal: Any) -> Any:
        suggestions = self.config.suggestions or is_privileged(self.config, principal)
        return clean_errors(body, suggestions=suggestions, mask=not self.dev)

    def middleware(self) -> list[Middleware]:
        """Request ids outermost, then CORS for the configured origins (none: same-origin only)."""
        stack = [Middleware(RequestIdMiddleware)]
        http = self.config.http
        if http.cors_origins:
            stack.append(Middleware(
                CORSMiddleware, allow_origins=list(http.cors_origins), allow_methods=["GET", "POST"],
                allow_headers=CORS_HEADERS, expose_headers=[REQUEST_ID_HEADER],
                allow_credentials=False, max_age=http.cors_max_age))
        return stack

    async def aclose(self) -> None:
        if self.apq_store is not None:
            await self.apq_store.aclose()
