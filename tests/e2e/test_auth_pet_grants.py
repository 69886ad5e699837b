"""Sharing a pet through the router: a co-owner (until revoked) or a sitter (until the grant
expires) sees the pet and what hangs off it in every subgraph; never after revocation or
expiry; only the pet's owner can share it, and inputs are validated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.platform import account

pytestmark = pytest.mark.e2e

GRANT = """
mutation($petId: ID!, $to: ID!, $kind: PetAccessKind!, $hours: Int) {
  petAccessGrant(input: {petId: $petId, granteeId: $to, kind: $kind, expiresInHours: $hours}) {
    grant { id kind expiresAt } errors { code field }
  }
}"""
REVOKE = """
mutation($id: ID!) { petAccessRevoke(input: {grantId: $id}) { grant { revokedAt } errors { code } } }
"""
PET = """
query($id: ID!) {
  pet(id: $id) { id name medicalRecord { allergies { allergen } } visits(last: 3) { id }
                 carePlans { id } trainingPlans { id } }
}"""
GRANTS = "query($id: ID!) { petAccessGrants(petId: $id) { id granteeId kind } }"


def _pet_with_visits(world, owner_id: str) -> str:
    visited = {a.pet_id for a in world.appointments if a.status == "completed"}
    return next(p.id for p in sorted(world.pets, key=lambda p: p.id)
                if p.owner_id == owner_id and p.id in visited)


async def _gql(router, token, query, **variables) -> dict:
    return (await router.post({"query": query, "variables": variables}, token)).json()


async def _grant(router, token, pet_id, grantee_id, kind, hours=None) -> dict:
    body = await _gql(router, token, GRANT, petId=pet_id, to=grantee_id, kind=kind, hours=hours)
    return body["data"]["petAccessGrant"]


@pytest.fixture
def parties(world, issue_token):
    owner, sitter = account(world, "owner@demo.test"), account(world, "owner2@demo.test")
    return issue_token(owner), issue_token(sitter), sitter.id, _pet_with_visits(world, owner.id)


async def test_co_owner_sees_the_pet_across_subgraphs_until_revoked(router, parties):
    owner_token, grantee_token, grantee_id, pet_id = parties
    assert (await _gql(router, grantee_token, PET, id=pet_id))["data"]["pet"] is None
    made = await _grant(router, owner_token, pet_id, grantee_id, "CO_OWNER")
    assert made["errors"] == [] and made["grant"]["expiresAt"] is None
    pet = (await _gql(router, grantee_token, PET, id=pet_id))["data"]["pet"]
    assert pet["id"] == pet_id and pet["medicalRecord"] is not None and pet["visits"]
    revoked = await _gql(router, owner_token, REVOKE, id=made["grant"]["id"])
    assert revoked["data"]["petAccessRevoke"]["errors"] == []
    assert (await _gql(router, grantee_token, PET, id=pet_id))["data"]["pet"] is None


async def test_sitter_sees_nothing_after_the_grant_expires(router, settings, parties):
    from persistence.mongo import create_client
    from persistence.redis import create_client as redis_client

    owner_token, grantee_token, grantee_id, pet_id = parties
    made = await _grant(router, owner_token, pet_id, grantee_id, "SITTER", hours=2)
    assert made["errors"] == [] and made["grant"]["expiresAt"] is not None
    assert (await _gql(router, grantee_token, PET, id=pet_id))["data"]["pet"]["id"] == pet_id
    past = datetime.now(UTC) - timedelta(seconds=1)
    client, _ = create_client(settings.mongo.url)
    redis = redis_client(settings.redis.url)
    try:  # the clock moves past the grant's expiry, in both stores
        await client[settings.mongo.database]["pet_grants"].update_one(
            {"_id": made["grant"]["id"]}, {"$set": {"expires_at": past}})
        await redis.zadd(f"{settings.redis.key_prefix}grants:account:{grantee_id}",
                         {pet_id: past.timestamp()})
    finally:
        await client.close()
        await redis.aclose()
    assert (await _gql(router, grantee_token, PET, id=pet_id))["data"]["pet"] is None
    listed = await _gql(router, owner_token, GRANTS, id=pet_id)
    assert made["grant"]["id"] not in {g["id"] for g in listed["data"]["petAccessGrants"]}


async def test_only_the_owner_can_share_a_pet(router, world, parties):
    owner_token, other_owner_token, _, pet_id = parties
    made = await _grant(router, other_owner_token, pet_id, account(world, "vet@demo.test").id,
                        "CO_OWNER")
    assert made["grant"] is None and [e["code"] for e in made["errors"]] == ["NOT_FOUND"]


async def test_grantee_cannot_reshare_or_revoke(router, world, parties):
    owner_token, grantee_token, grantee_id, pet_id = parties
    made = await _grant(router, owner_token, pet_id, grantee_id, "SITTER", hours=1)
    other = account(world, "vet@demo.test").id
    reshared = await _grant(router, grantee_token, pet_id, other, "CO_OWNER")
    assert [e["code"] for e in reshared["errors"]] == ["NOT_FOUND"]
    revoked = await _gql(router, grantee_token, REVOKE, id=made["grant"]["id"])
    assert [e["code"] for e in revoked["data"]["petAccessRevoke"]["errors"]] == ["NOT_FOUND"]
    await _gql(router, owner_token, REVOKE, id=made["grant"]["id"])


@pytest.mark.parametrize("kind,hours", [("SITTER", None), ("SITTER", 24 * 365), ("CO_OWNER", 5)])
async def test_grant_lifetime_must_fit_its_kind(router, parties, kind, hours):
    owner_token, _, grantee_id, pet_id = parties
    made = await _grant(router, owner_token, pet_id, grantee_id, kind, hours)
    assert made["grant"] is None and made["errors"][0]["field"] == "expiresInHours"
    assert made["errors"][0]["code"] == "BAD_USER_INPUT"


async def test_one_revoked_grant_leaves_another_active_grant_in_force(router, parties):
    owner_token, grantee_token, grantee_id, pet_id = parties
    first = await _grant(router, owner_token, pet_id, grantee_id, "SITTER", hours=3)
    second = await _grant(router, owner_token, pet_id, grantee_id, "SITTER", hours=1)
    await _gql(router, owner_token, REVOKE, id=first["grant"]["id"])
    assert (await _gql(router, grantee_token, PET, id=pet_id))["data"]["pet"]["id"] == pet_id
    await _gql(router, owner_token, REVOKE, id=second["grant"]["id"])
    assert (await _gql(router, grantee_token, PET, id=pet_id))["data"]["pet"] is None
