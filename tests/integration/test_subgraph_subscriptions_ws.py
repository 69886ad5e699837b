"""A subgraph's subscriptions over a real WebSocket (graphql-transport-ws), as the router
will use them: identity per subscribe message, events from Redis after a committed change."""

import asyncio
import time

import orjson
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from auth.principal import Principal
from auth.router_identity import HEADER, ISSUER, body_hash, subscribe_body
from subgraphs.registry import create_app
from tests.support.servers import BackgroundServer

WATCH = "subscription($id: ID!) { appointmentStatusChanged(appointmentId: $id) { id status } }"
CONFIRM = """mutation($id: ID!) { appointmentConfirm(input: {appointmentId: $id}) {
  errors { code } } }"""


def _requested(world, skip):
    vet_id = world.vets[0].id
    return [a for a in world.appointments if a.vet_id == vet_id and a.status == "requested"][skip]


def _expired(signer, body):
    now = int(time.time())
    return signer._sign({"iss": ISSUER, "aud": "appointments", "iat": now - 120,
                         "exp": now - 60, "roles": ["owner"], "scope": "", "bh": body_hash(body)})


def _subscribe_message(signer, appointment, principal, sign=True, sub_id="1", token=None):
    variables = {"id": appointment.id}
    payload = {"query": WATCH, "variables": variables, "operationName": None}
    body = subscribe_body(WATCH, variables, None)
    if token == "expired":
        payload["extensions"] = {HEADER: _expired(signer, body)}
    elif token is not None:
        payload["extensions"] = {HEADER: token}
    elif sign:
        payload["extensions"] = {HEADER: signer.headers_for("appointments", body,
                                                            principal)[HEADER]}
    return orjson.dumps({"id": sub_id, "type": "subscribe", "payload": payload}).decode()


async def _open(url):
    ws = await connect(url, subprotocols=["graphql-transport-ws"])
    await ws.send('{"type": "connection_init"}')
    assert orjson.loads(await ws.recv())["type"] == "connection_ack"
    return ws


async def test_event_reaches_the_websocket_subscriber(settings, world, identity_signer,
                                                      subgraph_client):
    appointment = _requested(world, 4)
    owner = Principal(user_id=appointment.owner_id, roles=frozenset({"owner"}))
    vet_account = next(a for a in world.accounts if a.email == "vet@demo.test")
    vet = Principal(user_id=vet_account.id, roles=frozenset({"vet"}),
                    clinic_id=vet_account.clinic_id)
    with BackgroundServer(create_app("appointments", settings)) as server:
        ws = await _open(f"ws://127.0.0.1:{server.port}/graphql")
        await ws.send(_subscribe_message(identity_signer, appointment, owner))
        await asyncio.sleep(0.5)  # subscribed to Redis before the change
        async with subgraph_client("appointments") as client:
            result = await client.query(CONFIRM, {"id": appointment.id}, principal=vet)
        assert result["data"]["appointmentConfirm"]["errors"] == []
        message = orjson.loads(await asyncio.wait_for(ws.recv(), 10))
        await ws.close()
    assert message == {"id": "1", "type": "next", "payload": {"data": {
        "appointmentStatusChanged": {"id": appointment.id, "status": "CONFIRMED"}}}}


async def _refused_around_a_live_one(settings, world, signer, subgraph_client, refused):
    """On ONE connection: subscription "1" (valid) and then the ``refused`` subscribe
    messages (ids "2", "3", ...). Returns the replies to the refused ones and what "1"
    receives after the appointment is confirmed."""
    appointment = _requested(world, 64)
    owner = Principal(user_id=appointment.owner_id, roles=frozenset({"owner"}))
    vet_account = next(a for a in world.accounts if a.email == "vet@demo.test")
    vet = Principal(user_id=vet_account.id, roles=frozenset({"vet"}),
                    clinic_id=vet_account.clinic_id)
    with BackgroundServer(create_app("appointments", settings)) as server:
        ws = await _open(f"ws://127.0.0.1:{server.port}/graphql")
        await ws.send(_subscribe_message(signer, appointment, owner))
        replies = []
        for number, options in enumerate(refused, start=2):
            await ws.send(_subscribe_message(signer, appointment, owner, sub_id=str(number),
                                             **options))
            replies.append(orjson.loads(await asyncio.wait_for(ws.recv(), 10)))
        await asyncio.sleep(0.5)  # subscribed to Redis before the change
        async with subgraph_client("appointments") as client:
            result = await client.query(CONFIRM, {"id": appointment.id}, principal=vet)
        assert result["data"]["appointmentConfirm"]["errors"] == []
        event = orjson.loads(await asyncio.wait_for(ws.recv(), 10))
        await ws.close()
    return replies, event, appointment


async def test_bad_router_identity_ends_only_that_subscription(settings, world, identity_signer,
                                                               subgraph_client):
    refused = [{"sign": False}, {"token": "expired"}, {"token": "not-a-jwt"},
               {"token": identity_signer.headers_for(  # signed for another body
                   "appointments", b"{}", Principal())[HEADER]}]
    replies, event, appointment = await _refused_around_a_live_one(
        settings, world, identity_signer, subgraph_client, refused)
    assert [(r["id"], r["type"]) for r in replies] == [
        ("2", "error"), ("3", "error"), ("4", "error"), ("5", "error")]
    assert {e["extensions"]["code"] for r in replies for e in r["payload"]} == {
        "UNAUTHENTICATED"}
    assert [len(r["payload"]) for r in replies] == [1, 1, 1, 1]
    assert "expired" in replies[1]["payload"][0]["message"].lower()
    assert event == {"id": "1", "type": "next", "payload": {"data": {
        "appointmentStatusChanged": {"id": appointment.id, "status": "CONFIRMED"}}}}


async def test_refused_id_may_be_subscribed_again_with_a_valid_token(settings, world,
                                                                     identity_signer):
    appointment = _requested(world, 65)
    owner = Principal(user_id=appointment.owner_id, roles=frozenset({"owner"}))
    with BackgroundServer(create_app("appointments", settings)) as server:
        ws = await _open(f"ws://127.0.0.1:{server.port}/graphql")
        await ws.send(_subscribe_message(identity_signer, appointment, owner, sign=False,
                                         sub_id="7"))
        refused = orjson.loads(await asyncio.wait_for(ws.recv(), 10))
        await ws.send(_subscribe_message(identity_signer, appointment, owner, sub_id="7"))
        await ws.send(_subscribe_message(identity_signer, appointment, owner, sub_id="7"))
        try:  # the id is live now: a second subscribe with it is a protocol error (4409)
            await asyncio.wait_for(ws.recv(), 10)
            raise AssertionError("the connection should have been closed")
        except ConnectionClosed as closed:
            code = closed.rcvd.code
    assert refused["type"] == "error" and refused["id"] == "7"
    assert code == 4409
