"""Attacks on the router -> subgraph identity and on `_entities`, against real subgraph apps.

A subgraph answers only requests carrying a router identity token for exactly that subgraph
and exactly that body, signed by the router key, unexpired, living <= 60 s - `_service`
and `_entities` included. And `_entities` never returns another owner's data, whatever form
the id is given in.
"""

from __future__ import annotations

import time
import uuid

import jwt
import orjson
import pytest

from auth.keys import KeyPair, load_key
from auth.principal import Principal
from auth.router_identity import HEADER, ISSUER, body_hash

pytestmark = pytest.mark.integration

SERVICE = orjson.dumps({"query": "{ _service { sdl } }"})
ENTITIES = orjson.dumps({"query": '{ _entities(representations: [{__typename: "Pet", id: "x"}]) '
                                  "{ __typename } }"})


def _claims(body: bytes, **over) -> dict:
    now = int(time.time())
    return {"iss": ISSUER, "aud": "profiles", "iat": now, "exp": now + 30, "roles": ["admin"],
            "scope": "admin", "sub": str(uuid.uuid4()), "bh": body_hash(body), **over}


def _sign(claims: dict, key) -> str:
    return jwt.encode(claims, key, algorithm="EdDSA")


async def _status(client, body: bytes, headers: dict) -> int:
    response = await client.post(body, {"content-type": "application/json", **headers})
    if response.status_code == 401:
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    return response.status_code


@pytest.fixture
async def profiles(subgraph_client):
    async with subgraph_client("profiles") as client:
        yield client


@pytest.fixture(scope="module")
def router_key(settings):
    return load_key(settings, "router").private_key()


async def test_valid_identity_token_is_accepted(profiles, router_key):
    token = _sign(_claims(SERVICE), router_key)
    assert await _status(profiles, SERVICE, {HEADER: token}) == 200


@pytest.mark.parametrize("body", [SERVICE, ENTITIES], ids=["_service", "_entities"])
async def test_request_without_identity_token_is_refused(profiles, body):
    assert await _status(profiles, body, {}) == 401


async def test_raw_user_id_header_is_refused(profiles, world):
    headers = {"x-user-id": world.accounts[0].id, "x-roles": "admin"}
    assert await _status(profiles, ENTITIES, headers) == 401


def _forged(router_key, case: str) -> str:
    other_key = KeyPair.generate().private_key()
    match case:
        case "other_subgraph":
            return _sign(_claims(ENTITIES, aud="payments"), router_key)
        case "other_body":
            return _sign(_claims(SERVICE), router_key)
        case "expired":
            return _sign(_claims(ENTITIES, iat=int(time.time()) - 120,
                                 exp=int(time.time()) - 60), router_key)
        case "other_key":
            return _sign(_claims(ENTITIES), other_key)
        case "alg_none":
            return jwt.encode(_claims(ENTITIES), None, algorithm="none")
        case "missing_exp":
            claims = _claims(ENTITIES)
            del claims["exp"]
            return _sign(claims, router_key)
        case "wrong_issuer":
            return _sign(_claims(ENTITIES, iss="https://auth.pawgraph.local"), router_key)
        case "lifetime_over_60s":
            return _sign(_claims(ENTITIES, exp=int(time.time()) + 3600), router_key)
        case "non_canonical_sub":
            return _sign(_claims(ENTITIES, sub=str(uuid.uuid4()).upper()), router_key)
    raise AssertionError(case)


@pytest.mark.parametrize("case", ["other_subgraph", "other_body", "expired", "other_key",
                                  "alg_none", "missing_exp", "wrong_issuer",
                                  "lifetime_over_60s", "non_canonical_sub"])
async def test_forged_identity_token_is_refused(profiles, router_key, case):
    assert await _status(profiles, ENTITIES, {HEADER: _forged(router_key, case)}) == 401


async def test_hmac_token_keyed_with_the_router_public_key_is_refused(profiles, settings):
    public = load_key(settings, "router").public_pem
    header = {"alg": "HS256", "typ": "JWT"}
    signing_input = (jwt.utils.base64url_encode(orjson.dumps(header)) + b"."
                     + jwt.utils.base64url_encode(orjson.dumps(_claims(ENTITIES))))
    import hashlib
    import hmac

    signature = jwt.utils.base64url_encode(hmac.new(public, signing_input, hashlib.sha256).digest())
    token = (signing_input + b"." + signature).decode()
    assert await _status(profiles, ENTITIES, {HEADER: token}) == 401


# --- _entities never returns another owner's data ---------------------------------------

PET_FIELDS = {
    "profiles": "name medicalRecord { allergies { allergen } }",
    "appointments": "visits(last: 100) { id } nextAppointment { id }",
    "chronic_care": "carePlans { id } devices { id } wearableStats { samples }",
    "commerce": "orders(last: 100) { id }",
    "payments": "insurance { id }",
    "telehealth": "consultations(last: 100) { id }",
    "training": "trainingPlans { id }",
}


def _id_forms(pet_id: str) -> list:
    u = uuid.UUID(pet_id)
    return [pet_id, pet_id.upper(), "{" + pet_id + "}", f"urn:uuid:{pet_id}", u.hex,
            1, u.int >> 65, str(u.int), f" {pet_id} "]


def _leaked(entity) -> bool:
    """True when an entity carries any data beyond its typename/id."""
    if entity is None:
        return False
    for key, value in entity.items():
        if key in {"__typename", "id"}:
            continue
        if value not in (None, [], {}) and not (isinstance(value, dict) and not _leaked(value)):
            return True
    return False


async def _entities(client, pet_ids: list, principal: Principal) -> dict:
    query = ("query($r: [_Any!]!) { _entities(representations: $r) { ... on Pet { id "
             f"{PET_FIELDS[client.name]} }} }} }}")
    reps = [{"__typename": "Pet", "id": pid} for pid in pet_ids]
    return await client.query(query, {"r": reps}, principal=principal)


def _owner(world, email: str) -> Principal:
    account = next(a for a in world.accounts if a.email == email)
    return Principal(user_id=account.id, roles=frozenset(account.roles),
                     clinic_id=account.clinic_id)


@pytest.mark.parametrize("subgraph", sorted(PET_FIELDS))
async def test_entities_in_any_id_form_never_return_another_owners_pet(subgraph_client, world,
                                                                        subgraph):
    victim = _owner(world, "owner@demo.test")
    attacker = _owner(world, "owner2@demo.test")
    pets = [p.id for p in world.pets if p.owner_id == victim.user_id]
    forms = [form for pid in pets for form in _id_forms(pid)]
    async with subgraph_client(subgraph) as client:
        own = await _entities(client, pets, victim)
        stolen = await _entities(client, forms, attacker)
    assert "errors" not in own, own
    leaked = [e for e in (stolen.get("data") or {}).get("_entities") or [] if _leaked(e)]
    assert leaked == []


async def test_entities_control_the_owner_sees_their_own_pets(subgraph_client, world):
    victim = _owner(world, "owner@demo.test")
    pets = [p.id for p in world.pets if p.owner_id == victim.user_id]
    async with subgraph_client("profiles") as client:
        own = await _entities(client, pets, victim)
    assert all(_leaked(e) for e in own["data"]["_entities"])
