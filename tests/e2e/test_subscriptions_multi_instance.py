"""Two router instances and two instances of every subgraph against one Redis: an event
published by either subgraph instance reaches the subscribers on both routers, once each."""

import asyncio

import orjson
import pytest

from tests.support.live import move, watch
from tests.support.platform import RouterClient, account

WATCH = """subscription Watch($id: ID!) { appointmentStatusChanged(appointmentId: $id) {
  id status pet { name } } }"""
MOVES = [("appointmentConfirm", "CONFIRMED"), ("appointmentCheckIn", "CHECKED_IN"),
         ("appointmentStart", "IN_PROGRESS")]


@pytest.fixture(scope="module")
async def second_platform(settings, supergraph_sdl):
    from pawgraph.assembly import Platform

    running = await Platform(settings, supergraph_sdl).start()
    yield running
    await running.stop()


async def _watch(app, token, appointment_id):
    return await watch(app, token, WATCH, {"id": appointment_id})


async def _move(router, token, field, appointment_id):
    result = await move(router, token, field, appointment_id)
    assert result["data"][field]["errors"] == []


async def _status(sock):
    message = orjson.loads(await asyncio.wait_for(sock.recv(), 10))
    return message["payload"]["data"]["appointmentStatusChanged"]["status"]


async def _pong(sock):
    """A pong right after the last event: nothing was duplicated in between."""
    await sock.send('{"type":"ping"}')
    return orjson.loads(await asyncio.wait_for(sock.recv(), 10))


async def test_events_from_either_subgraph_instance_reach_both_routers_once(
        platform, second_platform, world, issue_token):
    vet_id = world.vets[0].id
    appointment = [a for a in world.appointments
                   if a.vet_id == vet_id and a.status == "requested"][20]
    owner = next(a for a in world.accounts if a.id == appointment.owner_id)
    routers = [RouterClient(platform.router_app), RouterClient(second_platform.router_app)]
    watchers = [await _watch(p.router_app, issue_token(owner), appointment.id)
                for p in (platform, second_platform)]
    await asyncio.sleep(0.5)  # both upstream subscriptions are listening on Redis
    vet = issue_token(account(world, "vet@demo.test"))
    received: list[list[str]] = [[], []]
    for i, (field, _expected) in enumerate(MOVES):  # alternate: router/subgraph B, A, B
        await _move(routers[(i + 1) % 2], vet, field, appointment.id)
        for seen, sock in zip(received, watchers):  # each event before the next change
            seen.append(await _status(sock))
    pongs = [await _pong(sock) for sock in watchers]
    for sock in watchers:
        await sock.close()
    assert received == [[s for _f, s in MOVES]] * 2
    assert pongs == [{"type": "pong"}] * 2


ALERTS = """subscription Alerts($pet: ID!) { petAlertRaised(petId: $pet) { kind } }"""


def _limited_router(settings, platform, prefix):
    """A router app over ``platform``'s subgraphs with a per-user limit of 2 (own lease keys)."""
    from pawgraph.assembly import router_edge, router_hooks
    from supergraph.http.app import RouterConfig, create_router_app

    own = settings.model_copy(update={
        "router": settings.router.model_copy(update={"subscriptions_per_user": 2}),
        "redis": settings.redis.model_copy(update={"key_prefix": prefix})})
    authenticate, identity_headers = router_hooks(own)
    return create_router_app(RouterConfig(
        supergraph_sdl=platform.supergraph_sdl, transports=platform.transports,
        authenticate=authenticate, identity_headers=identity_headers, **router_edge(own)))


async def _reply_to(sock, sub_id, payload):
    """Subscribe ``sub_id``, then ping: the pong comes first when the subscription was taken."""
    await sock.send(orjson.dumps({"id": sub_id, "type": "subscribe", "payload": payload}).decode())
    await sock.send('{"type":"ping"}')
    return orjson.loads(await asyncio.wait_for(sock.recv(), 10))


async def _open(app, token):
    from supergraph.subscriptions.upstream import AsgiSocket

    sock = AsgiSocket(app, "/graphql")
    await sock.connect()
    await sock.send(orjson.dumps({"type": "connection_init",
                                  "payload": {"Authorization": f"Bearer {token}"}}).decode())
    assert orjson.loads(await sock.recv()) == {"type": "connection_ack"}
    return sock


async def test_the_per_user_limit_holds_across_router_instances(settings, platform, world,
                                                                issue_token):
    import uuid

    from persistence.redis import create_client

    prefix = f"{settings.redis.key_prefix}limit-{uuid.uuid4().hex[:6]}:"
    apps = [_limited_router(settings, platform, prefix) for _ in range(2)]
    device = world.devices[0]
    pet = next(p for p in world.pets if p.id == device.pet_id)
    owner = next(a for a in world.accounts if a.id == pet.owner_id)
    payload = {"query": ALERTS, "variables": {"pet": pet.id}}
    redis = create_client(settings.redis.url)
    key = f"{prefix}live:users:{owner.id}"
    async with apps[0].router.lifespan_context(apps[0]), \
            apps[1].router.lifespan_context(apps[1]):
        first = await _open(apps[0], issue_token(owner))
        second = await _open(apps[1], issue_token(owner))
        taken = [await _reply_to(first, "a", payload), await _reply_to(second, "b", payload)]
        refused = await _reply_to(second, "c", payload)
        leases = await redis.zcard(key)
        await first.send('{"id":"a","type":"complete"}')
        for _ in range(100):  # the lease is given back in the background
            if await redis.zcard(key) == 1:
                break
            await asyncio.sleep(0.05)
        again = await _reply_to(second, "d", payload)
        for sock in (first, second):
            await sock.close()
    left = await redis.zcard(key)
    await redis.aclose()
    assert taken == [{"type": "pong"}] * 2
    assert refused["id"] == "c" and refused["type"] == "error"
    assert refused["payload"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert leases == 2
    assert again == {"type": "pong"}
    assert left == 0  # closed connections and stopped routers hold no lease
