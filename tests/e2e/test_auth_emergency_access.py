"""Emergency QR access through the router: an owner makes an expiring, revocable link; an
anonymous caller holding its token reads the pet's emergency summary and nothing else;
expired/revoked/unknown tokens get coded errors; attempts are rate limited per address."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.support.platform import account

pytestmark = pytest.mark.e2e

CREATE = """
mutation($petId: ID!, $hours: Int!) {
  petEmergencyLinkCreate(input: {petId: $petId, expiresInHours: $hours}) {
    link { id petId expiresAt revokedAt } token url errors { code field message }
  }
}"""
REVOKE = """
mutation($id: ID!) {
  petEmergencyLinkRevoke(input: {linkId: $id}) { link { id revokedAt } errors { code } }
}"""
SUMMARY = """
query($token: String!) {
  emergencySummary(token: $token) {
    petName species allergies { allergen severity } conditions { name }
    vaccinations { name dueOn } medications { name } ownerContact { name phone }
    linkExpiresAt
  }
}"""
SUMMARY_AND_PET = """
query($token: String!, $id: ID!) {
  emergencySummary(token: $token) { petName }
  pet(id: $id) { name medicalRecord { allergies { allergen } } }
}"""


async def anonymous(router, query: str, variables: dict, address: str | None = None) -> dict:
    """POST as a caller without a token, from ``address`` (a fresh one per test by default)."""
    address = address or f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"
    transport = httpx.ASGITransport(app=router.app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://router") as client:
        response = await client.post("/graphql", json={"query": query, "variables": variables},
                                     headers={"content-type": "application/json"})
    return response.json()


def owned_pet(world, email: str = "owner@demo.test"):
    owner = account(world, email)
    return owner, next(p for p in sorted(world.pets, key=lambda p: p.id)
                       if p.owner_id == owner.id and p.allergies)


async def create_link(router, token: str, pet_id: str, hours: int = 2) -> dict:
    body = (await router.post({"query": CREATE, "variables": {"petId": pet_id, "hours": hours}},
                              token)).json()
    return body["data"]["petEmergencyLinkCreate"]


def _reason(body: dict) -> tuple[str, str]:
    (error,) = body["errors"]
    return error["extensions"]["code"], error["extensions"].get("reason")


async def test_owner_link_opens_the_emergency_summary_anonymously(router, world, issue_token):
    owner, pet = owned_pet(world)
    made = await create_link(router, issue_token(owner), pet.id)
    assert made["errors"] == [] and made["url"].endswith(made["token"])
    body = await anonymous(router, SUMMARY, {"token": made["token"]})
    assert "errors" not in body, body
    summary = body["data"]["emergencySummary"]
    assert summary["petName"] == pet.name
    assert sorted(a["allergen"] for a in summary["allergies"]) == sorted(a for a, _, _ in pet.allergies)
    assert summary["ownerContact"]["name"] == next(o.name for o in world.owners
                                                   if o.id == owner.id)


async def test_emergency_token_reaches_nothing_else(router, world, issue_token):
    owner, pet = owned_pet(world)
    made = await create_link(router, issue_token(owner), pet.id)
    body = await anonymous(router, SUMMARY_AND_PET, {"token": made["token"], "id": pet.id})
    assert body["data"]["emergencySummary"]["petName"] == pet.name
    assert body["data"]["pet"] is None
    assert {e["extensions"]["code"] for e in body["errors"]} == {"UNAUTHENTICATED"}
    as_bearer = await router.post({"query": "{ myPets { id } }"}, made["token"])
    assert as_bearer.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_revoked_link_is_refused_with_a_coded_error(router, world, issue_token):
    owner, pet = owned_pet(world)
    token = issue_token(owner)
    made = await create_link(router, token, pet.id)
    revoked = (await router.post({"query": REVOKE, "variables": {"id": made["link"]["id"]}},
                                 token)).json()["data"]["petEmergencyLinkRevoke"]
    assert revoked["errors"] == [] and revoked["link"]["revokedAt"] is not None
    body = await anonymous(router, SUMMARY, {"token": made["token"]})
    assert body["data"]["emergencySummary"] is None
    assert _reason(body) == ("FORBIDDEN", "EMERGENCY_LINK_REVOKED")


async def test_expired_link_is_refused_with_a_coded_error(router, world, settings, issue_token):
    from persistence.mongo import create_client

    owner, pet = owned_pet(world)
    made = await create_link(router, issue_token(owner), pet.id)
    client, _ = create_client(settings.mongo.url)
    try:  # the clock moves on: the stored expiry is now in the past
        await client[settings.mongo.database]["emergency_links"].update_one(
            {"_id": made["link"]["id"]},
            {"$set": {"expires_at": datetime.now(UTC) - timedelta(seconds=1)}})
    finally:
        await client.close()
    body = await anonymous(router, SUMMARY, {"token": made["token"]})
    assert body["data"]["emergencySummary"] is None
    assert _reason(body) == ("FORBIDDEN", "EMERGENCY_LINK_EXPIRED")


async def test_unknown_token_is_not_found(router):
    body = await anonymous(router, SUMMARY, {"token": "not-a-real-emergency-token"})
    assert _reason(body) == ("NOT_FOUND", "EMERGENCY_LINK_INVALID")


async def test_attempts_from_one_address_are_rate_limited(router, world, issue_token):
    from subgraphs.profiles.service.sharing import EMERGENCY_PER_ADDRESS

    owner, pet = owned_pet(world)
    made = await create_link(router, issue_token(owner), pet.id)
    address = "10.99.0.1"
    for _ in range(EMERGENCY_PER_ADDRESS.max_hits):
        await anonymous(router, SUMMARY, {"token": "guess"}, address)
    body = await anonymous(router, SUMMARY, {"token": made["token"]}, address)
    assert _reason(body) == ("RATE_LIMITED", "EMERGENCY_RATE_LIMITED")
    other = await anonymous(router, SUMMARY, {"token": made["token"]})
    assert other["data"]["emergencySummary"]["petName"] == pet.name


async def test_other_owner_cannot_link_someone_elses_pet(router, world, issue_token):
    _, pet = owned_pet(world)
    made = await create_link(router, issue_token(account(world, "owner2@demo.test")), pet.id)
    assert made["token"] is None and [e["code"] for e in made["errors"]] == ["NOT_FOUND"]


@pytest.mark.parametrize("email", ["vet@demo.test", "clinic@demo.test"])
async def test_staff_cannot_make_emergency_links(router, world, issue_token, email):
    _, pet = owned_pet(world)
    body = (await router.post({"query": CREATE, "variables": {"petId": pet.id, "hours": 2}},
                              issue_token(account(world, email)))).json()
    assert body["data"] is None or body["data"]["petEmergencyLinkCreate"] is None
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}


async def test_link_lifetime_outside_bounds_is_refused(router, world, issue_token):
    owner, pet = owned_pet(world)
    made = await create_link(router, issue_token(owner), pet.id, hours=24 * 365)
    assert made["token"] is None and made["errors"][0]["field"] == "expiresInHours"
    assert made["errors"][0]["code"] == "BAD_USER_INPUT"
