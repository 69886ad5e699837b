"""A subgraph that refuses ONE subscription on the router's multiplexed upstream connection
(here: its identity token expired in transit) ends only that client subscription, with an
``error`` carrying the subgraph's code; the other subscriptions on the same upstream
connection keep receiving events."""

import asyncio
import time

import orjson

from auth.router_identity import ISSUER, body_hash, subscribe_body
from supergraph.subscriptions import upstream
from tests.support.live import move, watch
from tests.support.platform import RouterClient, account

WATCH = """subscription Watch($id: ID!) { appointmentStatusChanged(appointmentId: $id) {
  id status pet { name } } }"""


def _expire_identity_of(monkeypatch, signer, appointment_id):
    """Replace the identity token of the upstream ``subscribe`` for ``appointment_id`` with
    one that is correct in every way except that it has expired."""
    send = upstream._Upstream.send

    async def tampering(self, message):
        payload = message.get("payload") or {}
        if message.get("type") == "subscribe" and appointment_id in orjson.dumps(
                payload.get("variables")).decode():
            now = int(time.time())
            body = subscribe_body(payload["query"], payload.get("variables"),
                                  payload.get("operationName"))
            token = signer._sign({"iss": ISSUER, "aud": "appointments", "iat": now - 120,
                                  "exp": now - 60, "roles": ["owner"], "scope": "",
                                  "bh": body_hash(body)})
            message = {**message, "payload": {
                **payload, "extensions": {upstream.IDENTITY_KEY: token}}}
        await send(self, message)

    monkeypatch.setattr(upstream._Upstream, "send", tampering)


async def _upstream_subscriptions(platform, settle: int, timeout: float = 5.0) -> list:
    """The ids live on the router's one upstream connection to appointments, once there are
    ``settle`` of them (the client subscriptions open upstream concurrently) or at the timeout."""
    key = (id(platform.subgraph_apps["appointments"]), "/graphql")
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        shared = upstream._registry().get(key)
        live = sorted(shared.subs) if shared else []
        if len(live) == settle or asyncio.get_running_loop().time() > deadline:
            return live
        await asyncio.sleep(0.05)


async def test_refused_upstream_subscription_ends_only_its_client_subscription(
        platform, world, issue_token, identity_signer, monkeypatch):
    vet_id = world.vets[0].id
    kept, refused = [a for a in world.appointments
                     if a.vet_id == vet_id and a.status == "requested"][50:52]
    _expire_identity_of(monkeypatch, identity_signer, refused.id)
    owner = {a.id: next(o for o in world.accounts if o.id == a.owner_id)
             for a in (kept, refused)}
    first = await watch(platform.router_app, issue_token(owner[kept.id]), WATCH,
                        {"id": kept.id})
    second = await watch(platform.router_app, issue_token(owner[refused.id]), WATCH,
                         {"id": refused.id})
    error = orjson.loads(await asyncio.wait_for(second.recv(), 10))
    live_on_it = await _upstream_subscriptions(platform, settle=1)
    await asyncio.sleep(0.5)  # listening on Redis
    vet = issue_token(account(world, "vet@demo.test"))
    router = RouterClient(platform.router_app)
    for appointment in (kept, refused):
        result = await move(router, vet, "appointmentConfirm", appointment.id)
        assert result["data"]["appointmentConfirm"]["errors"] == []
    event = orjson.loads(await asyncio.wait_for(first.recv(), 10))
    await second.send('{"type":"ping"}')
    after = orjson.loads(await asyncio.wait_for(second.recv(), 10))  # nothing else came
    for sock in (first, second):
        await sock.close()
    assert error["id"] == "w" and error["type"] == "error"
    assert [e["extensions"]["code"] for e in error["payload"]] == ["UNAUTHENTICATED"]
    assert len(live_on_it) == 1  # the refused one left, the other stayed on the connection
    assert event["type"] == "next"
    assert event["payload"]["data"]["appointmentStatusChanged"]["id"] == kept.id
    assert event["payload"]["data"]["appointmentStatusChanged"]["status"] == "CONFIRMED"
    assert after == {"type": "pong"}
