"""Redis stopped and restarted during a subscription (a Redis of this test's own): the
subscriber gets a clear error, the mutation made meanwhile is not lost, and after
reconnecting and refetching the subscriber sees the latest state and live events again."""

import asyncio

import orjson
import pytest

from persistence.embedded import EmbeddedStores
from tests.support.live import move, watch
from tests.support.platform import RouterClient, account

WATCH = """subscription Watch($id: ID!) { appointmentStatusChanged(appointmentId: $id) {
  id status } }"""
REFETCH = """query($id: ID!) { appointment(id: $id) { id status } }"""


@pytest.fixture(scope="module")
async def outage(settings, supergraph_sdl, tmp_path_factory):
    """A platform over the session's databases and a Redis that the test may stop."""
    from pawgraph.assembly import Platform

    stores = EmbeddedStores(tmp_path_factory.mktemp("outage-redis"))
    url = stores.start_redis()
    own = settings.model_copy(update={"redis": settings.redis.model_copy(update={"url": url})})
    running = await Platform(own, supergraph_sdl).start()
    yield running, stores
    await running.stop()
    stores.stop()


async def _watch(app, token, appointment_id):
    return await watch(app, token, WATCH, {"id": appointment_id})




async def test_redis_outage_gives_an_error_and_nothing_is_lost_after_refetch(outage, world,
                                                                             issue_token):
    platform, stores = outage
    vet_id = world.vets[0].id
    appointment = [a for a in world.appointments
                   if a.vet_id == vet_id and a.status == "requested"][30]
    owner = issue_token(next(a for a in world.accounts if a.id == appointment.owner_id))
    vet = issue_token(account(world, "vet@demo.test"))
    router = RouterClient(platform.router_app)
    sock = await _watch(platform.router_app, owner, appointment.id)
    await asyncio.sleep(0.5)  # the upstream subscription is listening on Redis
    stores.stop()
    error = orjson.loads(await asyncio.wait_for(sock.recv(), 10))
    after = orjson.loads(await asyncio.wait_for(sock.recv(), 10))
    confirmed = await move(router, vet, "appointmentConfirm", appointment.id)  # Redis down
    stores.start_redis()
    refetched = (await router.post({"query": REFETCH, "variables": {"id": appointment.id}},
                                   token=owner)).json()
    again = await _watch(platform.router_app, owner, appointment.id)
    await asyncio.sleep(0.5)
    checked_in = await move(router, vet, "appointmentCheckIn", appointment.id)
    event = orjson.loads(await asyncio.wait_for(again.recv(), 10))
    await sock.close()
    await again.close()
    assert error["payload"]["data"] is None
    assert error["payload"]["errors"][0]["extensions"]["code"] == "LIVE_UPDATES_INTERRUPTED"
    assert "refetch" in error["payload"]["errors"][0]["message"]
    assert after == {"id": "w", "type": "complete"}
    assert confirmed["data"]["appointmentConfirm"]["errors"] == []  # committed, event lost
    assert refetched["data"]["appointment"] == {"id": appointment.id, "status": "CONFIRMED"}
    assert checked_in["data"]["appointmentCheckIn"]["errors"] == []
    assert event["payload"]["data"]["appointmentStatusChanged"]["status"] == "CHECKED_IN"
