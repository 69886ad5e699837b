"""Shared by the test_edge_* modules: production-mode router apps over the session's platform.

``edge_app(...)`` builds a router app like ``pawgraph router`` does outside development
(``dev=False``: introspection/suggestions for admins only, errors masked), over the
platform's in-process subgraphs, with the checked-in manifest and APQ in the session's Redis.
No tests here.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import httpx
import pytest

from pawgraph.assembly import router_edge, router_hooks
from pawgraph.clientops import load_client
from supergraph.edge.manifest import document_id
from supergraph.http.app import RouterConfig, create_router_app
from tests.support.platform import account

FLUTTER = load_client("flutter")
PARTNERS = load_client("partners")


def build_app(platform, settings, *, dev: bool = False, **changes: Any):
    """A router app; ``changes`` replace EdgeConfig parts (limits=..., persisted=..., http=...)."""
    wiring = router_edge(settings)
    wiring["edge"] = dataclasses.replace(wiring["edge"], **changes)
    authenticate, identity_headers = router_hooks(settings)
    return create_router_app(RouterConfig(
        supergraph_sdl=platform.supergraph_sdl, transports=platform.transports,
        authenticate=authenticate, identity_headers=identity_headers, dev=dev, **wiring))


@pytest.fixture
async def edge_app(platform, settings):
    built = []

    def make(**kwargs: Any):
        app = build_app(platform, settings, **kwargs)
        built.append(app)
        return app

    yield make
    for app in built:
        await app.state.edge.aclose()


async def send(app, payload: Any = None, *, token: str | None = None, method: str = "POST",
               headers: dict | None = None, content: bytes | None = None, params: dict | None = None,
               ) -> httpx.Response:
    sent = {} if content is not None or method == "GET" else {"content-type": "application/json"}
    sent.update(headers or {})
    if token:
        sent["authorization"] = f"Bearer {token}"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://router") as client:
        if method == "GET":
            return await client.get("/graphql", params=params, headers=sent)
        if content is None:
            return await client.post("/graphql", json=payload, headers=sent)
        return await client.post("/graphql", content=content, headers=sent)


def code(response: httpx.Response) -> str | None:
    errors = response.json().get("errors") or [{}]
    return (errors[0].get("extensions") or {}).get("code")


def token_for(world, issue_token, email: str) -> str:
    return issue_token(account(world, email))


def doc_id(body: str) -> str:
    return document_id(body)
