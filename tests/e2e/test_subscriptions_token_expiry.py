"""A subscription connection lives no longer than the token it was opened with."""

import asyncio

import orjson
import pytest

from auth.keys import load_key
from auth.tokens import TokenIssuer
from supergraph.subscriptions.upstream import AsgiSocket, UpstreamError

WATCH = """subscription Watch($id: ID!) { appointmentStatusChanged(appointmentId: $id) {
  id status } }"""


async def test_connection_is_closed_when_its_token_expires(platform, settings, world):
    issuer = TokenIssuer(load_key(settings, "issuer"), issuer=settings.auth.issuer,
                         audience=settings.auth.audience, ttl_seconds=2)
    appointment = next(a for a in world.appointments if a.status == "confirmed")
    owner = next(a for a in world.accounts if a.id == appointment.owner_id)
    sock = AsgiSocket(platform.router_app, "/graphql")
    await sock.connect()
    await sock.send(orjson.dumps({"type": "connection_init", "payload": {
        "Authorization": f"Bearer {issuer.issue(owner.id, owner.roles)}"}}).decode())
    assert orjson.loads(await sock.recv()) == {"type": "connection_ack"}
    await sock.send(orjson.dumps({"id": "w", "type": "subscribe", "payload": {
        "query": WATCH, "variables": {"id": appointment.id}}}).decode())
    with pytest.raises(UpstreamError, match="4403"):
        while True:  # no event comes; the close does, once the token has expired
            await asyncio.wait_for(sock.recv(), 15)
