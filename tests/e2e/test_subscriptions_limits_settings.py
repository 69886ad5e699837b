"""The router's live-update limits come from settings (PAWGRAPH_ROUTER__SUBSCRIPTION*)."""

import asyncio

import orjson

from pawgraph.assembly import router_edge, router_hooks
from pawgraph.settings import Settings
from supergraph.subscriptions.protocol import SubscriptionLimits
from tests.support.live import watch

ALERTS = """subscription Alerts($pet: ID!) { petAlertRaised(petId: $pet) { kind } }"""


def test_limits_are_read_from_the_environment(monkeypatch, tmp_path):
    for key, value in {"SUBSCRIPTIONS_PER_CONNECTION": "3", "SUBSCRIPTIONS_PER_USER": "7",
                       "SUBSCRIPTION_SEND_QUEUE": "16", "SUBSCRIPTION_IDLE_TIMEOUT_SECONDS": "5",
                       "SUBSCRIPTION_INIT_TIMEOUT_SECONDS": "2.5"}.items():
        monkeypatch.setenv(f"PAWGRAPH_ROUTER__{key}", value)
    limits = router_edge(Settings(data_dir=tmp_path))["subscription_limits"]
    assert limits == SubscriptionLimits(init_timeout=2.5, max_subscriptions=3, max_per_user=7,
                                        send_queue=16, idle_timeout=5.0)


def test_default_limits_are_unchanged(tmp_path):
    assert router_edge(Settings(data_dir=tmp_path))["subscription_limits"] == SubscriptionLimits()


async def test_a_configured_per_connection_limit_is_enforced(settings, platform, world,
                                                             issue_token):
    from supergraph.http.app import RouterConfig, create_router_app

    own = settings.model_copy(update={"router": settings.router.model_copy(update={
        "subscriptions_per_connection": 1})})
    authenticate, identity_headers = router_hooks(own)
    app = create_router_app(RouterConfig(
        supergraph_sdl=platform.supergraph_sdl, transports=platform.transports,
        authenticate=authenticate, identity_headers=identity_headers, dev=True,
        **router_edge(own)))
    device = world.devices[0]
    owner = next(a for a in world.accounts
                 if a.id == next(p for p in world.pets if p.id == device.pet_id).owner_id)
    async with app.router.lifespan_context(app):
        sock = await watch(app, issue_token(owner), ALERTS, {"pet": device.pet_id}, "first")
        await sock.send(orjson.dumps({"id": "second", "type": "subscribe", "payload": {
            "query": ALERTS, "variables": {"pet": device.pet_id}}}).decode())
        refused = orjson.loads(await asyncio.wait_for(sock.recv(), 10))
        await sock.close()
    assert refused["id"] == "second" and refused["type"] == "error"
    assert refused["payload"][0]["extensions"]["code"] == "RATE_LIMITED"
