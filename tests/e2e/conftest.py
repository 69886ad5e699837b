"""The whole platform in process: seven subgraph apps + the router, over the session's stores."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import httpx
import pytest
import uvicorn

from auth.keys import load_key
from auth.tokens import TokenIssuer
from pawgraph.settings import Settings


@pytest.fixture(scope="session")
def supergraph_sdl() -> str:
    from pawgraph.assembly import compose_supergraph

    return compose_supergraph()


@pytest.fixture(scope="session")
async def platform(settings: Settings, supergraph_sdl: str):
    from pawgraph.assembly import Platform

    running = await Platform(settings, supergraph_sdl).start()
    yield running
    await running.stop()


@pytest.fixture(scope="session")
def issue_token(settings: Settings):
    issuer = TokenIssuer(load_key(settings, "issuer"), issuer=settings.auth.issuer,
                         audience=settings.auth.audience, ttl_seconds=600)

    def issue(account) -> str:
        return issuer.issue(account.id, account.roles, clinic_id=account.clinic_id)

    return issue


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


@pytest.fixture(scope="session")
def router(platform) -> RouterClient:
    return RouterClient(platform.router_app)


def account(world, email: str):
    return next(a for a in world.accounts if a.email == email)


class LoopServer(uvicorn.Server):
    """uvicorn serving on the test's own event loop, leaving SIGINT to pytest: uvicorn's
    handler would only ask the server to exit, so the hang watchdog (tests/watchdog.py)
    could not interrupt a test while such a server is up."""

    @contextlib.contextmanager
    def capture_signals(self):
        yield
