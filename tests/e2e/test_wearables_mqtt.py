"""Collars publish telemetry over MQTT (the session's broker: embedded amqtt, or Mosquitto by
URL in CI's second pass); a chronic_care instance of this module consumes it, stores the
samples, raises alerts, and a router subscription to petAlertRaised receives them."""

import asyncio
import uuid
from datetime import datetime

import orjson
import pytest
from sqlalchemy import func, select

from persistence import mqtt
from subgraphs.chronic_care.models import Alert, Telemetry
from tests.support.live import watch
from tests.support.platform import account

ALERTS = """subscription Alerts($pet: ID!) { petAlertRaised(petId: $pet) {
  kind value message pet { name } } }"""
FENCE = """mutation($pet: ID!, $lat: Float!, $lon: Float!, $r: Int!) { geofenceSet(input: {
  petId: $pet, lat: $lat, lon: $lon, radiusM: $r}) { geofence { lat lon radiusM outside }
  errors { code field } } }"""
PET_FENCE = """query($pet: ID!) { pet(id: $pet) { geofence { radiusM } } }"""
HOME = (48.1374, 11.5755)
KM_NORTH = (48.1464, 11.5755)  # about 1 km from HOME


@pytest.fixture(scope="module")
async def consumer(settings):
    """A chronic_care instance that ingests over MQTT (its own persistent session)."""
    from subgraphs.registry import create_app

    own = settings.model_copy(update={"mqtt": settings.mqtt.model_copy(update={
        "ingest": True, "client_id": f"{settings.mqtt.client_id}-{uuid.uuid4().hex[:6]}",
        "reconnect_min_seconds": 0.1, "reconnect_max_seconds": 1.0})})
    app = create_app("chronic_care", own)
    async with app.router.lifespan_context(app):
        running = app.state.telemetry
        await asyncio.wait_for(running.subscribed.wait(), 30)
        yield running


def _collars(world):
    """(device, pet, owner) for devices of pets whose owner has an account."""
    accounts = {a.id: a for a in world.accounts}
    pets = {p.id: p for p in world.pets}
    for device in world.devices:
        owner = accounts.get(pets[device.pet_id].owner_id)
        if owner is not None:
            yield device, pets[device.pet_id], owner


def _collar(world, skip):
    return list(_collars(world))[skip]


async def _publish(settings, device_id, body, *, topic=None):
    topic = topic or f"{settings.mqtt.topic_prefix}/{device_id}/telemetry"
    payload = body if isinstance(body, bytes) else orjson.dumps(body)
    async with mqtt.client(settings.mqtt.url, f"collar-{uuid.uuid4().hex[:8]}") as collar:
        await collar.publish(topic, payload, qos=1)


async def _until(consumer, counter: str, target: int) -> None:
    """Wait (bounded, so a lost message fails the test) until ``stats[counter] >= target``."""
    async def reached():
        while consumer.stats[counter] < target:
            await asyncio.sleep(0.05)
    await asyncio.wait_for(reached(), 30)


OUTCOMES = ("stored", "dropped_invalid", "dropped_unknown_device")


async def _handled(consumer, before: int, count: int) -> None:
    """Wait until ``count`` more messages have been received and each has reached its
    outcome (stored or dropped): ``received`` counts a message as it starts."""
    await _until(consumer, "received", before + count)

    async def settled():
        while sum(consumer.stats[k] for k in OUTCOMES) < consumer.stats["received"]:
            await asyncio.sleep(0.02)
    await asyncio.wait_for(settled(), 30)


async def _next(sock):
    return orjson.loads(await asyncio.wait_for(sock.recv(), 15))


async def _scalar(consumer, query):
    async with consumer.engine.connect() as conn:
        return (await conn.execute(query)).scalar_one()


def _ts(text: str) -> datetime:
    return datetime.fromisoformat(text + "+00:00")


def _sample(at: str, **fields):
    return {"heartRate": 95, "temperatureC": 38.4, "at": at, **fields}


async def test_fever_over_mqtt_is_stored_and_reaches_the_owners_subscription(
        consumer, platform, settings, world, issue_token):
    device, pet, owner = _collar(world, 1)
    sock = await watch(platform.router_app, issue_token(owner), ALERTS, {"pet": pet.id})
    await asyncio.sleep(0.5)
    await _publish(settings, device.id, _sample("2001-03-04T05:06:00Z", heartRate=130,
                                                temperatureC=40.3))
    message = await _next(sock)
    await sock.close()
    alert = message["payload"]["data"]["petAlertRaised"]
    assert alert["kind"] == "FEVER" and alert["pet"] == {"name": pet.name}
    assert abs(alert["value"] - 40.3) < 0.01
    stored = await _scalar(consumer, select(Telemetry.heart_rate).where(
        Telemetry.pet_id == uuid.UUID(pet.id), Telemetry.ts == _ts("2001-03-04T05:06:00")))
    assert stored == 130


async def test_a_still_daytime_over_mqtt_raises_one_inactivity_alert_live(
        consumer, platform, settings, world, issue_token):
    device, pet, owner = _collar(world, 6)
    sock = await watch(platform.router_app, issue_token(owner), ALERTS, {"pet": pet.id})
    await asyncio.sleep(0.5)
    before = consumer.stats["received"]
    hours = [f"2031-06-02T{h:02d}:00:00Z" for h in range(8, 17)]  # no fence: UTC daytime
    for at in hours:
        await _publish(settings, device.id, _sample(at, steps=0, activity=0.02))
    await _handled(consumer, before, len(hours))
    message = await _next(sock)
    await sock.send('{"type":"ping"}')
    after = await _next(sock)  # nothing else was raised before the pong
    await sock.close()
    alert = message["payload"]["data"]["petAlertRaised"]
    assert alert["kind"] == "INACTIVITY" and alert["value"] == 6.0
    assert alert["pet"] == {"name": pet.name}
    assert after == {"type": "pong"}
    stored = await _scalar(consumer, select(func.count()).select_from(Alert).where(
        Alert.pet_id == uuid.UUID(pet.id), Alert.kind == "INACTIVITY"))
    assert stored == 1


async def test_malformed_messages_are_dropped_and_the_consumer_keeps_working(
        consumer, settings, world):
    device, pet, _owner = _collar(world, 2)
    before = dict(consumer.stats)
    bad = [b"not json", orjson.dumps({"heartRate": "fast", "temperatureC": 38}),
           orjson.dumps(_sample("2001-03-04T06:00:00Z", heartRate=999)),
           orjson.dumps({"temperatureC": 38.2})]
    for body in bad:
        await _publish(settings, device.id, body)
    await _publish(settings, None, _sample("2001-03-04T06:01:00Z"),
                   topic=f"{settings.mqtt.topic_prefix}/not-a-uuid/telemetry")
    await _publish(settings, str(uuid.uuid4()), _sample("2001-03-04T06:02:00Z"))
    await _publish(settings, device.id, _sample("2001-03-04T06:03:00Z", heartRate=77))
    await _handled(consumer, before.get("received", 0), 7)
    assert consumer.stats["dropped_invalid"] - before.get("dropped_invalid", 0) == 5
    assert consumer.stats["dropped_unknown_device"] - before.get("dropped_unknown_device", 0) == 1
    assert consumer.stats["stored"] - before.get("stored", 0) == 1
    stored = await _scalar(consumer, select(func.count()).select_from(Telemetry).where(
        Telemetry.pet_id == uuid.UUID(pet.id),
        Telemetry.ts.between(_ts("2001-03-04T06:00:00"), _ts("2001-03-04T06:03:00"))))
    assert stored == 1


async def test_samples_published_while_the_consumer_is_down_arrive_after_it_restarts(
        consumer, settings, world):
    device, pet, _owner = _collar(world, 3)
    await consumer.stop()
    before = consumer.stats["stored"]
    minutes = ["2001-03-05T07:00:00Z", "2001-03-05T07:01:00Z", "2001-03-05T07:02:00Z"]
    for at in minutes:
        await _publish(settings, device.id, _sample(at, steps=5))
    consumer.start()
    await asyncio.wait_for(consumer.subscribed.wait(), 30)
    await _until(consumer, "stored", before + 3)
    stored = await _scalar(consumer, select(func.count()).select_from(Telemetry).where(
        Telemetry.pet_id == uuid.UUID(pet.id),
        Telemetry.ts.between(_ts("2001-03-05T07:00:00"), _ts("2001-03-05T07:02:00"))))
    assert stored == 3


async def test_a_sample_waits_for_the_database_and_is_stored_when_it_is_back(
        consumer, settings, world):
    from persistence.embedded import free_port
    from persistence.postgres import create_engine

    device, pet, _owner = _collar(world, 3)
    database, (unreachable, _counter) = consumer.engine, create_engine(
        f"postgresql://postgres@127.0.0.1:{free_port()}/nothing")
    failures, stored = consumer.stats["store_failures"], consumer.stats["stored"]
    consumer.engine = unreachable
    try:
        await _publish(settings, device.id, _sample("2001-03-05T09:00:00Z", steps=9))
        await _until(consumer, "store_failures", failures + 2)  # retried, not dropped
        assert consumer.stats["stored"] == stored
    finally:
        consumer.engine = database
        await unreachable.dispose()
    await _until(consumer, "stored", stored + 1)
    steps = await _scalar(consumer, select(Telemetry.steps).where(
        Telemetry.pet_id == uuid.UUID(pet.id), Telemetry.ts == _ts("2001-03-05T09:00:00")))
    assert steps == 9


async def test_escape_alerts_once_per_excursion(consumer, platform, router, settings, world,
                                                issue_token):
    device, pet, owner = _collar(world, 4)
    token = issue_token(owner)
    fenced = (await router.post({"query": FENCE, "variables": {
        "pet": pet.id, "lat": HOME[0], "lon": HOME[1], "r": 200}}, token=token)).json()
    assert fenced["data"]["geofenceSet"] == {"errors": [], "geofence": {
        "lat": HOME[0], "lon": HOME[1], "radiusM": 200, "outside": False}}
    sock = await watch(platform.router_app, token, ALERTS, {"pet": pet.id})
    await asyncio.sleep(0.5)
    before = consumer.stats["received"]
    path = [HOME, KM_NORTH, KM_NORTH, HOME, KM_NORTH]  # out, still out, back, out again
    for minute, (lat, lon) in enumerate(path):
        await _publish(settings, device.id, _sample(f"2001-03-06T08:0{minute}:00Z", lat=lat,
                                                    lon=lon))
    await _handled(consumer, before, len(path))
    first, second = await _next(sock), await _next(sock)
    await sock.close()
    for message in (first, second):
        alert = message["payload"]["data"]["petAlertRaised"]
        assert alert["kind"] == "ESCAPE" and 950 < alert["value"] < 1050
    escapes = await _scalar(consumer, select(func.count()).select_from(Alert).where(
        Alert.pet_id == uuid.UUID(pet.id), Alert.kind == "ESCAPE"))
    assert escapes == 2


@pytest.mark.parametrize(("lat", "lon", "radius", "field"), [
    (90.5, 11.0, 100, "lat"), (48.0, -180.5, 100, "lon"), (48.0, 11.0, 19, "radiusM"),
    (48.0, 11.0, 50_001, "radiusM")])
async def test_geofence_out_of_range_is_refused_and_changes_nothing(router, world, issue_token,
                                                                    lat, lon, radius, field):
    _device, pet, owner = _collar(world, 5)
    token = issue_token(owner)
    result = (await router.post({"query": FENCE, "variables": {
        "pet": pet.id, "lat": lat, "lon": lon, "r": radius}}, token=token)).json()
    assert "errors" not in result, result
    refused = result["data"]["geofenceSet"]
    assert refused["geofence"] is None
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("BAD_USER_INPUT", field)]
    after = (await router.post({"query": PET_FENCE, "variables": {"pet": pet.id}},
                               token=token)).json()
    assert after["data"]["pet"]["geofence"] is None


async def test_geofence_on_someone_elses_pet_is_not_found(router, world, issue_token):
    _device, pet, owner = _collar(world, 5)
    stranger = next(a for a in world.accounts if "owner" in a.roles and a.id != owner.id)
    result = (await router.post({"query": FENCE, "variables": {
        "pet": pet.id, "lat": HOME[0], "lon": HOME[1], "r": 100}},
        token=issue_token(stranger))).json()
    assert result["data"]["geofenceSet"] == {"geofence": None,
                                             "errors": [{"code": "NOT_FOUND", "field": "petId"}]}
    admin = account(world, "admin@demo.test")
    after = (await router.post({"query": PET_FENCE, "variables": {"pet": pet.id}},
                               token=issue_token(admin))).json()
    assert after["data"]["pet"]["geofence"] is None
