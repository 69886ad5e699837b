"""Calling one subgraph's real ASGI app the way the router does (``tests/conftest.py``'s
``subgraph_client`` fixture opens one with the app's lifespan running)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import orjson

from auth.principal import Principal
from auth.router_identity import IdentitySigner

ANONYMOUS = Principal()  # frozen: safe as a shared default


@dataclass
class SubgraphClient:
    """Calls a subgraph's real ASGI app with a valid router identity token."""

    name: str
    app: Any
    signer: IdentitySigner

    async def post(self, body: bytes, headers: dict[str, str]) -> httpx.Response:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://subgraph") as client:
            return await client.post("/graphql", content=body, headers=headers)

    async def query(self, query: str, variables: dict | None = None, *,
                    principal: Principal = ANONYMOUS) -> dict:
        body = orjson.dumps({"query": query, "variables": variables or {}})
        headers = {"content-type": "application/json",
                   **self.signer.headers_for(self.name, body, principal)}
        response = await self.post(body, headers)
        return response.json()
