"""Pets registered in profiles reach appointments through the durable ``pets`` stream
(Redis Stream + consumer group ``appointments``), against real MongoDB, PostgreSQL and
Redis: a pet registered while appointments is down is bookable once it is back; an entry a
consumer took but never acknowledged (it died) is handled by another; redelivery is
harmless. Each test uses its own Redis key prefix, so no other appointments instance of the
session consumes its stream."""

import uuid
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from sqlalchemy import text

from auth.principal import Principal
from persistence import streams
from persistence.mongo import create_client as create_client_mongo
from persistence.postgres import create_engine
from persistence.redis import create_client
from subgraphs.appointments.patient_sync import GROUP, STREAM, PatientSync
from subgraphs.registry import create_app
from tests.support.subgraph_client import SubgraphClient

pytestmark = pytest.mark.integration

REGISTER = """mutation($input: PetRegisterInput!) { petRegister(input: $input) {
  pet { id name } errors { code field message } } }"""
AVAILABILITY = """query($clinic: ID!, $day: Date!) { availability(clinicId: $clinic,
  startDate: $day, endDate: $day, durationMinutes: 30, first: 5) { startsAt vet { id } } }"""
BOOK = """mutation($input: AppointmentBookInput!) { appointmentBook(input: $input) {
  appointment { id status } errors { code field message } } }"""


@pytest.fixture
def isolated(settings):
    """The session's stores under a fresh Redis key prefix (a stream nobody else reads)."""
    prefix = f"{settings.redis.key_prefix}sync-{uuid.uuid4().hex[:8]}:"
    return settings.model_copy(update={"redis": settings.redis.model_copy(
        update={"key_prefix": prefix})})


@pytest.fixture
def running(isolated, identity_signer):
    """A subgraph app under ``isolated`` settings, up for the ``async with`` block only."""

    @asynccontextmanager
    async def run(name: str):
        app = create_app(name, isolated)
        async with app.router.lifespan_context(app):
            yield SubgraphClient(name, app, identity_signer)

    return run


def _owner(world):
    owner = world.owners[7]
    return Principal(user_id=owner.id, roles=frozenset({"owner"}))


async def _patient(settings, pet_id: str):
    engine, _ = create_engine(settings.postgres.url)
    try:
        async with engine.connect() as connection:
            return (await connection.execute(text(
                "SELECT owner_id FROM appointments.patient WHERE pet_id = :id"),
                {"id": pet_id})).scalar()
    finally:
        await engine.dispose()


async def test_pet_registered_while_appointments_is_down_is_bookable_after(
        isolated, world, running):
    owner = _owner(world)
    async with running("profiles") as profiles:
        registered = await profiles.query(REGISTER, {"input": {"name": "Pip", "species": "RABBIT"}},
                                          principal=owner)
    pet = registered["data"]["petRegister"]["pet"]
    unknown_while_down = await _patient(isolated, pet["id"])
    day = world.anchor.date() + timedelta(days=100)
    day += timedelta(days=(2 - day.weekday()) % 7)  # a Wednesday
    async with running("appointments") as appointments:
        slots = (await appointments.query(AVAILABILITY, {"clinic": world.clinics[14].id,
                                                         "day": str(day)},
                                          principal=owner))["data"]["availability"]
        booked = await appointments.query(BOOK, {"input": {
            "petId": pet["id"], "vetId": slots[0]["vet"]["id"], "startsAt": slots[0]["startsAt"],
            "reason": "first visit"}}, principal=owner)
    assert unknown_while_down is None
    assert booked["data"]["appointmentBook"]["errors"] == [], booked
    assert str(await _patient(isolated, pet["id"])) == owner.user_id


async def test_entries_a_dead_consumer_never_acknowledged_are_handled_by_another(isolated):
    redis, prefix = create_client(isolated.redis.url), isolated.redis.key_prefix
    engine, _ = create_engine(isolated.postgres.url)
    pet_id, owner_id = str(uuid.uuid4()), str(uuid.uuid4())
    try:
        dying = PatientSync(engine, redis, prefix, consumer="dying")

        async def crash(payloads):
            raise RuntimeError("process died before committing")

        await dying.reader.ensure_group()
        await streams.append(redis, prefix, STREAM, {"type": "PetRegistered", "petId": pet_id,
                                                     "ownerId": owner_id})
        with pytest.raises(RuntimeError):
            await dying.reader.drain(crash)
        survivor = PatientSync(engine, redis, prefix, consumer="survivor")
        survivor.reader.claim_idle_ms = 0
        handled = await survivor.catch_up()
        pending = await redis.xpending(streams.stream_key(prefix, STREAM), GROUP)
    finally:
        await redis.aclose()
        await engine.dispose()
    assert handled == 1 and pending["pending"] == 0
    assert str(await _patient(isolated, pet_id)) == owner_id


async def test_a_redelivered_entry_changes_nothing(isolated):
    redis, prefix = create_client(isolated.redis.url), isolated.redis.key_prefix
    engine, _ = create_engine(isolated.postgres.url)
    pet_id, owner_id = str(uuid.uuid4()), str(uuid.uuid4())
    entry = {"type": "PetRegistered", "petId": pet_id, "ownerId": owner_id}
    try:
        sync = PatientSync(engine, redis, prefix, consumer="one")
        await sync.apply([entry])
        await sync.apply([entry, {"type": "PetRegistered", "petId": "not-a-uuid"}])
    finally:
        await redis.aclose()
        await engine.dispose()
    assert str(await _patient(isolated, pet_id)) == owner_id


async def test_registration_while_redis_is_down_reaches_appointments_later(isolated, world):
    from subgraphs.profiles.pets_relay import announce_pending
    from subgraphs.profiles.service.pets import PetFields, PetService

    mongo, _ = create_client_mongo(isolated.mongo.url)
    db, prefix = mongo[isolated.mongo.database], isolated.redis.key_prefix
    down = create_client("redis://127.0.0.1:9/0")  # discard port: nothing listens
    redis = create_client(isolated.redis.url)
    engine, _ = create_engine(isolated.postgres.url)
    try:
        pet, problems = await PetService(db, down, prefix).register(
            _owner(world), PetFields(name="Tofu", species="DOG"))
        stored = await db["pets"].find_one({"_id": pet["_id"]})
        added = await announce_pending(db, redis, prefix)
        again = await announce_pending(db, redis, prefix)
        await PatientSync(engine, redis, prefix, consumer="later").catch_up()
    finally:
        for client in (down, redis):
            await client.aclose()
        await engine.dispose()
        await mongo.close()
    assert problems == [] and stored["announced"] is False
    assert added >= 1 and again == 0
    assert str(await _patient(isolated, pet["_id"])) == _owner(world).user_id
