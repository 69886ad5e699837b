"""Registering and editing pets in the profiles subgraph against real MongoDB and Redis:
field checks answer BAD_USER_INPUT with the field and write nothing, a taken microchip is
CONFLICT (the unique index), partial updates by owner / co-owner / admin (a sitter or
another owner gets NOT_FOUND), weighings checked and kept in date order, the durable
``PetRegistered`` stream entry."""

import uuid
from datetime import UTC, datetime, timedelta

import orjson
import pytest

from auth.principal import Principal
from persistence.mongo import create_client
from persistence.redis import create_client as redis_client
from persistence.streams import stream_key
from subgraphs.profiles.service.sharing import GrantKind, SharingService

pytestmark = pytest.mark.integration

REGISTER = """mutation($input: PetRegisterInput!) { petRegister(input: $input) {
  pet { id name species breed sex neutered birthDate weightKg microchip { kind value }
        weightHistory { recordedOn kg } }
  errors { code field message } } }"""
UPDATE = """mutation($input: PetUpdateInput!) { petUpdate(input: $input) {
  pet { id name breed birthDate neutered microchip { kind value } }
  errors { code field message } } }"""
WEIGH = """mutation($input: PetWeightRecordInput!) { petWeightRecord(input: $input) {
  pet { weightKg weightHistory { recordedOn kg } } errors { code field message } } }"""


@pytest.fixture
async def db(settings):
    client, _ = create_client(settings.mongo.url)
    yield client[settings.mongo.database]
    await client.close()


def _owner(world, n: int) -> Principal:
    return Principal(user_id=world.owners[n].id, roles=frozenset({"owner"}))


def _chip() -> str:
    return "276" + str(uuid.uuid4().int)[:12]


async def _register(profiles, principal, **fields) -> dict:
    body = await profiles.query(REGISTER, {"input": {"name": "Nori", "species": "CAT", **fields}},
                                principal=principal)
    return body["data"]["petRegister"]


@pytest.mark.parametrize("fields, field", [
    ({"name": "  "}, "name"), ({"name": "x" * 81}, "name"),
    ({"microchip": "12345"}, "microchip"), ({"microchip": "27609810600001X"}, "microchip"),
    ({"weightKg": 0}, "weightKg"), ({"weightKg": 250}, "weightKg"),
    ({"birthDate": "2999-01-01"}, "birthDate"), ({"breed": "b" * 81}, "breed")])
async def test_bad_field_is_refused_with_its_name_and_nothing_is_written(
        subgraph_client, world, db, fields, field):
    owner = _owner(world, 20)
    before = await db["pets"].count_documents({"owner_id": owner.user_id})
    async with subgraph_client("profiles") as profiles:
        refused = await _register(profiles, owner, **fields)
    assert refused["pet"] is None
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("BAD_USER_INPUT", field)]
    assert await db["pets"].count_documents({"owner_id": owner.user_id}) == before


async def test_registration_stores_the_pet_and_adds_a_stream_entry(subgraph_client, world,
                                                                   settings, db):
    owner, chip = _owner(world, 21), _chip()
    async with subgraph_client("profiles") as profiles:
        done = await _register(profiles, owner, microchip=f"{chip[:3]}-{chip[3:]}", weightKg=4.25,
                               sex="FEMALE", neutered=True, birthDate="2022-05-04")
    pet = done["pet"]
    stored = await db["pets"].find_one({"_id": pet["id"]})
    redis = redis_client(settings.redis.url)
    entries = await redis.xrevrange(stream_key(settings.redis.key_prefix, "pets"), count=50)
    await redis.aclose()
    announced = [orjson.loads(f[b"data"]) for _, f in entries]
    assert done["errors"] == [] and stored["owner_id"] == owner.user_id
    assert pet["microchip"] == {"kind": "ISO_11784", "value": chip}
    assert pet["weightHistory"] == [{"recordedOn": str(datetime.now(UTC).date()), "kg": 4.25}]
    assert {"type": "PetRegistered", "petId": pet["id"], "ownerId": owner.user_id} in announced


async def test_a_taken_microchip_is_a_conflict_on_register_and_on_update(subgraph_client,
                                                                         world, db):
    owner, other, chip = _owner(world, 22), _owner(world, 23), _chip()
    async with subgraph_client("profiles") as profiles:
        first = await _register(profiles, owner, microchip=chip)
        second = await _register(profiles, other, microchip=chip)
        plain = await _register(profiles, other)
        moved = (await profiles.query(UPDATE, {"input": {"petId": plain["pet"]["id"],
                                                         "microchip": chip}},
                                      principal=other))["data"]["petUpdate"]
    assert first["errors"] == []
    for refused in (second, moved):
        assert [(e["code"], e["field"]) for e in refused["errors"]] == [("CONFLICT", "microchip")]
    assert await db["pets"].count_documents({"microchip.value": chip}) == 1


async def test_update_changes_only_the_fields_sent_and_null_clears(subgraph_client, world):
    owner = _owner(world, 24)
    async with subgraph_client("profiles") as profiles:
        pet = (await _register(profiles, owner, breed="Siamese", birthDate="2020-01-01",
                               microchip=_chip()))["pet"]
        done = (await profiles.query(UPDATE, {"input": {
            "petId": pet["id"], "name": "Nori II", "microchip": None}},
            principal=owner))["data"]["petUpdate"]
        nulled = (await profiles.query(UPDATE, {"input": {"petId": pet["id"], "name": None}},
                                       principal=owner))["data"]["petUpdate"]
    assert done["errors"] == []
    assert done["pet"] == {"id": pet["id"], "name": "Nori II", "breed": "Siamese",
                                "birthDate": "2020-01-01", "neutered": False, "microchip": None}
    assert [(e["code"], e["field"]) for e in nulled["errors"]] == [("BAD_USER_INPUT", "name")]


async def test_co_owner_and_admin_may_edit_a_sitter_and_a_stranger_may_not(
        subgraph_client, world, db, settings):
    owner, co_owner, sitter, stranger = (_owner(world, n) for n in (25, 26, 27, 28))
    admin = Principal(user_id=str(uuid.uuid4()), roles=frozenset({"admin"}))
    sharing = SharingService(db, redis_client(settings.redis.url), settings.redis.key_prefix)
    async with subgraph_client("profiles") as profiles:
        pet = (await _register(profiles, owner))["pet"]
        await sharing.grant(owner, pet["id"], co_owner.user_id, GrantKind.CO_OWNER, None)
        await sharing.grant(owner, pet["id"], sitter.user_id, GrantKind.SITTER, 24)
        codes = {}
        for who, principal in (("co_owner", co_owner), ("admin", admin), ("sitter", sitter),
                               ("stranger", stranger)):
            body = await profiles.query(UPDATE, {"input": {"petId": pet["id"], "breed": who}},
                                        principal=principal)
            codes[who] = [e["code"] for e in body["data"]["petUpdate"]["errors"]]
    await sharing.redis.aclose()
    assert codes == {"co_owner": [], "admin": [], "sitter": ["NOT_FOUND"],
                     "stranger": ["NOT_FOUND"]}
    assert (await db["pets"].find_one({"_id": pet["id"]}))["breed"] == "admin"


async def test_weighings_are_range_checked_and_kept_in_date_order(subgraph_client, world):
    owner = _owner(world, 29)
    today = datetime.now(UTC).date()
    async with subgraph_client("profiles") as profiles:
        pet = (await _register(profiles, owner, weightKg=5))["pet"]

        async def weigh(kg, on=None):
            body = await profiles.query(WEIGH, {"input": {"petId": pet["id"], "kg": kg,
                                                          "recordedOn": on}}, principal=owner)
            return body["data"]["petWeightRecord"]

        earlier = await weigh(4.5, str(today - timedelta(days=30)))
        refused = [await weigh(0), await weigh(201), await weigh(5, str(today + timedelta(days=1)))]
    assert earlier["errors"] == [] and earlier["pet"]["weightKg"] == 5
    assert [w["kg"] for w in earlier["pet"]["weightHistory"]] == [4.5, 5]
    assert [[(e["code"], e["field"]) for e in r["errors"]] for r in refused] == [
        [("BAD_USER_INPUT", "kg")], [("BAD_USER_INPUT", "kg")],
        [("BAD_USER_INPUT", "recordedOn")]]


async def test_only_owners_register_pets(subgraph_client):
    vet = Principal(user_id=str(uuid.uuid4()), roles=frozenset({"vet"}))
    async with subgraph_client("profiles") as profiles:
        refused = await _register(profiles, vet)
    assert [e["code"] for e in refused["errors"]] == ["FORBIDDEN"] and refused["pet"] is None
