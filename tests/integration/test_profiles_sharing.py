"""profiles sharing against the real stores: emergency tokens are stored hashed, emergency
reads and grant publication fail closed without Redis."""

from __future__ import annotations

import pytest

from auth.principal import Principal
from persistence.mongo import create_client
from persistence.redis import create_client as redis_client
from subgraphs.profiles.errors import EmergencyRefusal
from subgraphs.profiles.service.sharing import EmergencyDenied, GrantKind, SharingService, token_hash

pytestmark = pytest.mark.integration

UNREACHABLE_REDIS = "redis://127.0.0.1:9/0"  # discard port: nothing listens


@pytest.fixture
async def db(settings):
    client, _ = create_client(settings.mongo.url)
    yield client[settings.mongo.database]
    await client.close()


def _owner_and_pet(world):
    owner = next(a for a in world.accounts if a.email == "owner@demo.test")
    pet = next(p for p in world.pets if p.owner_id == owner.id)
    return Principal(user_id=owner.id, roles=frozenset({"owner"})), pet


async def test_emergency_token_is_stored_only_as_its_hash(db, settings, world):
    principal, pet = _owner_and_pet(world)
    service = SharingService(db, redis_client(settings.redis.url), settings.redis.key_prefix)
    new, problems = await service.create_link(principal, pet.id, 1)
    assert problems == []
    stored = await db["emergency_links"].find_one({"_id": new.link["_id"]})
    assert stored["token_hash"] == token_hash(new.token)
    assert new.token not in {str(v) for v in stored.values()}
    await service.redis.aclose()


async def test_emergency_read_is_refused_when_redis_is_down(db, settings, world):
    principal, pet = _owner_and_pet(world)
    up = SharingService(db, redis_client(settings.redis.url), settings.redis.key_prefix)
    new, _ = await up.create_link(principal, pet.id, 1)
    await up.redis.aclose()
    down = SharingService(db, redis_client(UNREACHABLE_REDIS), settings.redis.key_prefix)
    with pytest.raises(EmergencyDenied) as denied:
        await down.emergency_view(new.token, "10.0.0.1")
    assert denied.value.reason is EmergencyRefusal.UNAVAILABLE
    await down.redis.aclose()


async def test_grant_is_refused_and_not_kept_when_redis_is_down(db, settings, world):
    principal, pet = _owner_and_pet(world)
    grantee = next(a for a in world.accounts if a.email == "owner2@demo.test")
    down = SharingService(db, redis_client(UNREACHABLE_REDIS), settings.redis.key_prefix)
    before = await db["pet_grants"].count_documents({"pet_id": pet.id})
    doc, problems = await down.grant(principal, pet.id, grantee.id, GrantKind.CO_OWNER, None)
    assert doc is None and [p.code for p in problems] == ["UNAVAILABLE"]
    assert await db["pet_grants"].count_documents({"pet_id": pet.id}) == before
    await down.redis.aclose()
