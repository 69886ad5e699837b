"""The router multiplexes its upstream subscriptions: however many clients subscribe, one
graphql-transport-ws connection per subgraph carries them, each event reaches only its own
subscription, and the connection closes with its last subscription."""

import asyncio

import orjson

from supergraph.subscriptions import upstream
from tests.support.live import move, watch
from tests.support.platform import RouterClient, account

WATCH = """subscription Watch($id: ID!) { appointmentStatusChanged(appointmentId: $id) {
  id status pet { name } } }"""


def _appointments_upstream(platform):
    app = platform.subgraph_apps["appointments"]
    return upstream._registry().get((id(app), "/graphql"))


async def _pong(sock):
    await sock.send('{"type":"ping"}')
    return orjson.loads(await asyncio.wait_for(sock.recv(), 10))


async def test_many_client_subscriptions_share_one_upstream_connection(platform, world,
                                                                       issue_token):
    vet_id = world.vets[0].id
    chosen = [a for a in world.appointments
              if a.vet_id == vet_id and a.status == "requested"][40:43]
    owners = [next(o for o in world.accounts if o.id == a.owner_id) for a in chosen]
    socks = [await watch(platform.router_app, issue_token(o), WATCH, {"id": a.id})
             for o, a in zip(owners, chosen)]
    socks.append(await watch(platform.router_app, issue_token(owners[0]), WATCH,
                             {"id": chosen[0].id}))
    assert [await _pong(s) for s in socks] == [{"type": "pong"}] * 4  # all subscribed
    shared = _appointments_upstream(platform)
    subscriptions = len(shared.subs)
    await asyncio.sleep(0.5)  # listening on Redis
    vet = issue_token(account(world, "vet@demo.test"))
    result = await move(RouterClient(platform.router_app), vet, "appointmentConfirm",
                        chosen[0].id)
    assert result["data"]["appointmentConfirm"]["errors"] == []
    events = [orjson.loads(await asyncio.wait_for(socks[i].recv(), 10)) for i in (0, 3)]
    others = [await _pong(socks[i]) for i in (1, 2)]  # nothing arrived before their pong
    await socks[0].close()
    await asyncio.sleep(0.1)
    after_one = _appointments_upstream(platform)
    remaining = len(after_one.subs) if after_one else 0
    for sock in socks[1:]:
        await sock.close()
    await asyncio.sleep(0.1)
    assert subscriptions == 4
    assert [e["payload"]["data"]["appointmentStatusChanged"]["status"] for e in events] == [
        "CONFIRMED", "CONFIRMED"]
    assert others == [{"type": "pong"}] * 2
    assert after_one is shared and remaining == 3
    assert _appointments_upstream(platform) is None  # closed with its last subscription
