"""Shared steps of the live-status tests: subscribe through a router app, move an appointment."""

import orjson

from supergraph.subscriptions.upstream import AsgiSocket


async def watch(app, token: str, query: str, variables: dict, sub_id: str = "w") -> AsgiSocket:
    """Open the router's /graphql WebSocket in process, sign in and subscribe."""
    sock = AsgiSocket(app, "/graphql")
    await sock.connect()
    await sock.send(orjson.dumps({"type": "connection_init",
                                  "payload": {"Authorization": f"Bearer {token}"}}).decode())
    assert orjson.loads(await sock.recv()) == {"type": "connection_ack"}
    await sock.send(orjson.dumps({"id": sub_id, "type": "subscribe", "payload": {
        "query": query, "variables": variables}}).decode())
    return sock


async def move(router, token: str, field: str, appointment_id: str) -> dict:
    """Run one appointment transition mutation (``field``) through the router client."""
    mutation = (f"mutation($id: ID!) {{ {field}(input: {{appointmentId: $id}}) "
                "{ errors { code } } }")
    return (await router.post({"query": mutation, "variables": {"id": appointment_id}},
                              token=token)).json()
