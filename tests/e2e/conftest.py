"""The whole platform in process: seven subgraph apps + the router, over the session's stores."""

from __future__ import annotations

import pytest

from auth.keys import load_key
from auth.tokens import TokenIssuer
from pawgraph.settings import Settings
from tests.support.browser import browser  # noqa: F401 - fixture (test_graphiql, test_admin_console, test_vue_demo)
from tests.support.edge import edge_app  # noqa: F401 - fixture (test_edge_*)
from tests.support.platform import RouterClient


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


@pytest.fixture(scope="session")
def router(platform) -> RouterClient:
    return RouterClient(platform.router_app)

