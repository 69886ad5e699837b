"""Subscriptions through the router (graphql-transport-ws): the owning subgraph streams,
the router adds the other subgraphs' fields to every event."""

import asyncio

import orjson
import pytest

from supergraph.subscriptions.upstream import AsgiSocket, UpstreamError
from tests.support.platform import account

WATCH = """subscription Watch($id: ID!) { appointmentStatusChanged(appointmentId: $id) {
  id status pet { name owner { email } } } }"""
CONFIRM = """mutation($id: ID!) { appointmentConfirm(input: {appointmentId: $id}) {
  errors { code } } }"""


@pytest.fixture(scope="module")
def ws_app(platform):
    return platform.router_app  # the router's own /graphql WebSocket


async def _connect(app, token):
    sock = AsgiSocket(app, "/graphql")
    await sock.connect()
    await sock.send(orjson.dumps({"type": "connection_init",
                                  "payload": {"Authorization": f"Bearer {token}"}}).decode())
    return sock, orjson.loads(await sock.recv())


def _requested(world, skip):
    vet_id = world.vets[0].id
    return [a for a in world.appointments if a.vet_id == vet_id and a.status == "requested"][skip]


async def test_status_change_arrives_with_fields_from_other_subgraphs(ws_app, router, world,
                                                                      issue_token):
    appointment = _requested(world, 5)
    owner = next(a for a in world.accounts if a.id == appointment.owner_id)
    sock, ack = await _connect(ws_app, issue_token(owner))
    assert ack == {"type": "connection_ack"}
    await sock.send(orjson.dumps({"id": "s1", "type": "subscribe", "payload": {
        "query": WATCH, "variables": {"id": appointment.id}}}).decode())
    await asyncio.sleep(0.5)
    vet = account(world, "vet@demo.test")
    result = (await router.post({"query": CONFIRM, "variables": {"id": appointment.id}},
                                token=issue_token(vet))).json()
    assert result["data"]["appointmentConfirm"]["errors"] == []
    message = orjson.loads(await asyncio.wait_for(sock.recv(), 10))
    await sock.close()
    pet = next(p for p in world.pets if p.id == appointment.pet_id)
    assert message == {"id": "s1", "type": "next", "payload": {"data": {
        "appointmentStatusChanged": {"id": appointment.id, "status": "CONFIRMED",
                                     "pet": {"name": pet.name, "owner": {"email": owner.email}}}}}}


async def test_someone_elses_appointment_is_refused(ws_app, world, issue_token):
    appointment = _requested(world, 5)
    stranger = next(a for a in world.accounts
                    if "owner" in a.roles and a.id != appointment.owner_id)
    sock, _ = await _connect(ws_app, issue_token(stranger))
    await sock.send(orjson.dumps({"id": "s2", "type": "subscribe", "payload": {
        "query": WATCH, "variables": {"id": appointment.id}}}).decode())
    message = orjson.loads(await asyncio.wait_for(sock.recv(), 10))
    await sock.close()
    assert message["type"] in {"error", "next"}
    if message["type"] == "next":  # the subgraph's NOT_FOUND arrives as an error result
        assert message["payload"]["data"] is None
        assert message["payload"]["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_invalid_token_closes_the_connection(ws_app):
    sock = AsgiSocket(ws_app, "/graphql")
    await sock.connect()
    await sock.send('{"type":"connection_init","payload":{"Authorization":"Bearer nope"}}')
    with pytest.raises(UpstreamError, match="4403"):
        await asyncio.wait_for(sock.recv(), 10)
