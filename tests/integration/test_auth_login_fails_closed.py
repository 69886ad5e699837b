"""Login is rate limited in Redis and refuses to run without it (fail closed)."""

from __future__ import annotations

import pytest

from auth.principal import Principal
from pawgraph.demo import DEMO_PASSWORD
from pawgraph.settings import RedisSettings

pytestmark = pytest.mark.integration

LOGIN = """
mutation($email: String!, $password: String!) {
  accountLogin(input: {email: $email, password: $password}) { tokens { accessToken } errors { code } }
}"""


async def test_login_without_redis_is_refused_even_with_the_right_password(settings,
                                                                           identity_signer):
    from subgraphs.registry import create_app
    from tests.support.subgraph_client import SubgraphClient

    down = settings.model_copy(update={"redis": RedisSettings(url="redis://127.0.0.1:1/0")})
    app = create_app("accounts", down)
    async with app.router.lifespan_context(app):
        client = SubgraphClient("accounts", app, identity_signer)
        body = await client.query(LOGIN, {"email": "owner@demo.test", "password": DEMO_PASSWORD})
    assert body["data"]["accountLogin"] == {"tokens": None, "errors": [{"code": "UNAVAILABLE"}]}


async def test_login_attempts_per_address_are_limited_across_accounts(subgraph_client):
    address = "198.51.100.77"
    codes = []
    async with subgraph_client("accounts") as client:
        for i in range(51):
            body = await client.query(LOGIN, {"email": f"guess{i}@example.test", "password": "x" * 12},
                                      principal=Principal(address=address))
            codes.append(body["data"]["accountLogin"]["errors"][0]["code"])
    assert set(codes[:50]) == {"INVALID_CREDENTIALS"}
    assert codes[50] == "RATE_LIMITED"
