"""Limits of the router's graphql-transport-ws endpoint, against a stub ``start`` (no stores):
per-connection and per-user subscription caps, idle timeout, slow consumers, ping/pong."""

import asyncio

import orjson
import pytest
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute

from auth.principal import Principal
from supergraph.subscriptions.protocol import SubscriptionLimits, subscription_endpoint
from supergraph.subscriptions.upstream import AsgiSocket, UpstreamError


def _authenticate(headers):
    token = (headers.get("authorization") or "").removeprefix("Bearer ")
    if not token:
        raise PermissionError("no token")
    return Principal(user_id=token, roles=frozenset({"owner"}))


async def _start(payload, principal):
    burst = int(payload.get("variables", {}).get("burst", 1))

    async def events():
        for i in range(burst):  # no await in between: a burst faster than any client
            yield {"data": {"n": i}}
        await asyncio.Event().wait()  # then silence until completed

    return events()


def _app(**limits):
    endpoint = subscription_endpoint(_authenticate, _start, SubscriptionLimits(**limits))
    return Starlette(routes=[WebSocketRoute("/graphql", endpoint)])


class _SlowSocket(AsgiSocket):
    """A client whose receive buffer holds one message: the server's sends block."""

    def __init__(self, app, path):
        super().__init__(app, path)
        self.from_app = asyncio.Queue(1)


async def _open(app, user="u1", socket=AsgiSocket):
    sock = socket(app, "/graphql")
    await sock.connect()
    await sock.send(orjson.dumps({"type": "connection_init",
                                  "payload": {"Authorization": f"Bearer {user}"}}).decode())
    assert orjson.loads(await sock.recv()) == {"type": "connection_ack"}
    return sock


async def _subscribe(sock, sub_id, burst=1):
    await sock.send(orjson.dumps({"id": sub_id, "type": "subscribe", "payload": {
        "query": "subscription { n }", "variables": {"burst": burst}}}).decode())
    return orjson.loads(await asyncio.wait_for(sock.recv(), 5))


async def test_ping_gets_pong():
    sock = await _open(_app())
    await sock.send('{"type":"ping"}')
    assert orjson.loads(await asyncio.wait_for(sock.recv(), 5)) == {"type": "pong"}
    await sock.close()


async def test_subscriptions_beyond_the_connection_limit_are_rate_limited():
    sock = await _open(_app(max_subscriptions=2))
    assert (await _subscribe(sock, "a"))["type"] == "next"
    assert (await _subscribe(sock, "b"))["type"] == "next"
    refused = await _subscribe(sock, "c")
    await sock.close()
    assert refused["type"] == "error"
    assert refused["payload"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_subscriptions_beyond_the_user_limit_across_connections_are_rate_limited():
    app = _app(max_per_user=2)
    first, second, other = await _open(app), await _open(app), await _open(app, user="u2")
    assert (await _subscribe(first, "a"))["type"] == "next"
    assert (await _subscribe(first, "b"))["type"] == "next"
    refused = await _subscribe(second, "c")
    assert refused["payload"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert (await _subscribe(other, "d"))["type"] == "next"  # another user is not affected
    await first.send('{"id":"a","type":"complete"}')
    await first.send('{"type":"ping"}')  # once the pong is back, "a" has been completed
    assert orjson.loads(await asyncio.wait_for(first.recv(), 5)) == {"type": "pong"}
    await asyncio.sleep(0)
    assert (await _subscribe(second, "e"))["type"] == "next"
    for sock in (first, second, other):
        await sock.close()


async def test_closed_connection_gives_its_user_slots_back():
    app = _app(max_per_user=1)
    first = await _open(app)
    assert (await _subscribe(first, "a"))["type"] == "next"
    await first.close()
    second = await _open(app)
    assert (await _subscribe(second, "b"))["type"] == "next"
    await second.close()


async def test_connection_without_subscriptions_is_closed_after_the_idle_timeout():
    sock = await _open(_app(idle_timeout=0.2))
    with pytest.raises(UpstreamError, match="4408"):
        await asyncio.wait_for(sock.recv(), 5)


async def test_connection_with_a_subscription_is_not_idle():
    sock = await _open(_app(idle_timeout=0.2))
    assert (await _subscribe(sock, "a"))["type"] == "next"
    await asyncio.sleep(0.5)
    await sock.send('{"type":"ping"}')
    assert orjson.loads(await asyncio.wait_for(sock.recv(), 5)) == {"type": "pong"}
    await sock.close()


async def test_slow_consumer_is_disconnected_when_its_send_queue_is_full():
    sock = await _open(_app(send_queue=4), socket=_SlowSocket)
    await sock.send(orjson.dumps({"id": "a", "type": "subscribe", "payload": {
        "query": "subscription { n }", "variables": {"burst": 100}}}).decode())
    received = 0
    with pytest.raises(UpstreamError, match="4429"):
        while True:
            await asyncio.wait_for(sock.recv(), 5)
            received += 1
    assert received < 100


def _bursting_subgraph():
    """A subgraph stand-in: each ``subscribe`` gets ``burst`` events at once, then silence."""
    from starlette.websockets import WebSocket

    async def endpoint(ws: WebSocket):
        await ws.accept(subprotocol="graphql-transport-ws")
        assert (await ws.receive_json())["type"] == "connection_init"
        await ws.send_json({"type": "connection_ack"})
        while True:
            message = await ws.receive_json()
            if message["type"] == "subscribe":
                for i in range(message["payload"]["variables"]["burst"]):
                    await ws.send_json({"id": message["id"], "type": "next",
                                        "payload": {"data": {"n": i}}})

    return Starlette(routes=[WebSocketRoute("/graphql", endpoint)])


async def test_a_slow_upstream_subscription_is_interrupted_without_holding_up_the_others(
        monkeypatch):
    from supergraph.subscriptions import upstream

    monkeypatch.setattr(upstream, "QUEUE", 5)
    subgraph = _bursting_subgraph()
    slow = upstream.open_stream(subgraph, {"query": "subscription { n }",
                                           "variables": {"burst": 50}}, "token")
    first = await anext(slow)  # subscribed; then it does not read while others stream
    fast = upstream.open_stream(subgraph, {"query": "subscription { n }",
                                           "variables": {"burst": 4}}, "token")
    received = [await anext(fast) for _ in range(4)]
    shared = upstream.connections()
    with pytest.raises(upstream.UpstreamInterrupted) as interrupted:
        while True:
            await anext(slow)
    await slow.aclose()
    await fast.aclose()
    assert first == {"data": {"n": 0}}
    assert [r["data"]["n"] for r in received] == list(range(4))
    assert shared == 1  # both streams on one connection
    assert interrupted.value.code == "LIVE_UPDATES_INTERRUPTED"
    assert upstream.connections() == 0
