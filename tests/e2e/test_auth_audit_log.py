"""The admin audit log: admin mutations (any subgraph) and admin reads of another owner's
pet land in ``accounts.audit_entry``; owners' requests do not."""

from __future__ import annotations

import uuid

import pytest

from tests.support.platform import account

pytestmark = pytest.mark.e2e

PET = "query($id: ID!) { pet(id: $id) { id name } }"
LINK = """
mutation Link($petId: ID!) {
  petEmergencyLinkCreate(input: {petId: $petId, expiresInHours: 1}) { link { id } errors { code } }
}"""


async def _entries(settings, actor_id: str) -> list[tuple[str, str, dict]]:
    import asyncpg

    from persistence.postgres import plain_url

    conn = await asyncpg.connect(plain_url(settings.postgres.url))
    try:
        rows = await conn.fetch("SELECT action, subject, detail FROM accounts.audit_entry "
                                "WHERE actor_id = $1 ORDER BY at", uuid.UUID(actor_id))
    finally:
        await conn.close()
    import json

    return [(r["action"], r["subject"], json.loads(r["detail"])) for r in rows]


def _someones_pet(world) -> str:
    owner = account(world, "owner2@demo.test")
    return next(p.id for p in world.pets if p.owner_id == owner.id)


async def test_admin_read_of_another_owners_pet_is_audited(router, world, settings, issue_token):
    admin = account(world, "admin@demo.test")
    pet_id = _someones_pet(world)
    body = (await router.post({"query": PET, "variables": {"id": pet_id}},
                              issue_token(admin))).json()
    assert body["data"]["pet"]["id"] == pet_id
    assert ("pet.read", pet_id) in {(a, s) for a, s, _ in await _entries(settings, admin.id)}


async def test_admin_mutation_is_audited_with_variable_names_only(router, world, settings,
                                                                  issue_token):
    admin = account(world, "admin@demo.test")
    pet_id = _someones_pet(world)
    body = (await router.post({"query": LINK, "operationName": "Link",
                               "variables": {"petId": pet_id}}, issue_token(admin))).json()
    assert body["data"]["petEmergencyLinkCreate"]["errors"] == []
    mutations = [(s, d) for a, s, d in await _entries(settings, admin.id) if a == "mutation"]
    (detail,) = [d for s, d in mutations if s == "profiles:petEmergencyLinkCreate"]
    assert detail["operationName"].startswith("Link")  # as the router named the subgraph call
    assert (detail["variables"], detail["committed"], detail["errors"]) == (["petId"], True, [])
    assert pet_id not in str(mutations)


async def test_owner_requests_are_not_audited(router, world, settings, issue_token):
    owner = account(world, "owner2@demo.test")
    await router.post({"query": PET, "variables": {"id": _someones_pet(world)}},
                      issue_token(owner))
    assert await _entries(settings, owner.id) == []
