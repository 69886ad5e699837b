"""Calling the in-process platform (``tests/e2e/conftest.py``'s ``router`` fixture) as a client:
``RouterClient`` posts to the router app; ``account`` finds a demo account by email."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass
class RouterClient:
    app: object

    async def post(self, payload: dict, token: str | None = None,
                   headers: dict | None = None) -> httpx.Response:
        sent = {"content-type": "application/json", **(headers or {})}
        if token:
            sent["authorization"] = f"Bearer {token}"
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://router") as client:
            return await client.post("/graphql", json=payload, headers=sent)


def account(world, email: str):
    return next(a for a in world.accounts if a.email == email)
