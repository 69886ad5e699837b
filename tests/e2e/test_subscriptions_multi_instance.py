"""Two router instances and two instances of every subgraph against one Redis: an event
published by either subgraph instance reaches the subscribers on both routers, once each."""

import asyncio

import orjson
import pytest

from tests.e2e.live_helpers import move, watch
from tests.e2e.conftest import RouterClient, account

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
