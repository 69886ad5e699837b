"""A subgraph's subscriptions over a real WebSocket (graphql-transport-ws), as the router
will use them: identity per subscribe message, events from Redis after a committed change."""

import asyncio

import orjson
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from auth.principal import Principal
from auth.router_identity import HEADER, subscribe_body
from subgraphs.shared.app import create_app
from tests.e2e.router_fixtures.harness import BackgroundServer

WATCH = "subscription($id: ID!) { appointmentStatusChanged(appointmentId: $id) { id status } }"
CONFIRM = """mutation($id: ID!) { appointmentConfirm(input: {appointmentId: $id}) {
  errors { code } } }"""


def _requested(world, skip):
    vet_id = world.vets[0].id
    return [a for a in world.appointments if a.vet_id == vet_id and a.status == "requested"][skip]


def _subscribe_message(signer, appointment, principal, sign=True):
    variables = {"id": appointment.id}
    payload = {"query": WATCH, "variables": variables, "operationName": None}
    if sign:
        token = signer.headers_for("appointments", subscribe_body(WATCH, variables, None),
                                   principal)[HEADER]
        payload["extensions"] = {HEADER: token}
    return orjson.dumps({"id": "1", "type": "subscribe", "payload": payload}).decode()


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


async def test_subscribe_without_router_identity_closes_with_4401(settings, world,
                                                                  identity_signer):
    appointment = _requested(world, 4)
    owner = Principal(user_id=appointment.owner_id, roles=frozenset({"owner"}))
    with BackgroundServer(create_app("appointments", settings)) as server:
        ws = await _open(f"ws://127.0.0.1:{server.port}/graphql")
        await ws.send(_subscribe_message(identity_signer, appointment, owner, sign=False))
        try:
            await asyncio.wait_for(ws.recv(), 10)
            raise AssertionError("the connection should have been closed")
        except ConnectionClosed as closed:
            assert closed.rcvd.code == 4401
