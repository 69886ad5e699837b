"""Attacks on client authentication at the router: forged, confused and stale tokens are
refused with UNAUTHENTICATED before anything runs; identity headers a client sends are
ignored."""

from __future__ import annotations

import hashlib
import hmac
import time
import uuid

import jwt
import orjson
import pytest

from auth.keys import KeyPair, load_key
from tests.support.platform import account

pytestmark = pytest.mark.e2e

MY_PETS = "{ myPets { id name } }"


def _claims(settings, world, **over) -> dict:
    owner = account(world, "owner@demo.test")
    now = int(time.time())
    return {"iss": settings.auth.issuer, "aud": settings.auth.audience, "sub": owner.id,
            "iat": now, "exp": now + 300, "roles": ["admin"], "scope": "admin", **over}


def _hs256(secret: bytes, claims: dict) -> str:
    head = jwt.utils.base64url_encode(orjson.dumps({"alg": "HS256", "typ": "JWT"}))
    body = jwt.utils.base64url_encode(orjson.dumps(claims))
    signature = hmac.new(secret, head + b"." + body, hashlib.sha256).digest()
    return (head + b"." + body + b"." + jwt.utils.base64url_encode(signature)).decode()


def _forge(case: str, settings, world) -> str:
    issuer_key = load_key(settings, "issuer")
    claims = _claims(settings, world)

    def sign(c):
        return jwt.encode(c, issuer_key.private_key(), algorithm="EdDSA")

    match case:
        case "alg_none":
            return jwt.encode(claims, None, algorithm="none")
        case "hs256_with_public_key":
            return _hs256(issuer_key.public_pem, claims)
        case "other_key":
            return jwt.encode(claims, KeyPair.generate().private_key(), algorithm="EdDSA")
        case "expired":
            return sign({**claims, "iat": int(time.time()) - 900, "exp": int(time.time()) - 60})
        case "wrong_audience":
            return sign({**claims, "aud": "profiles"})
        case "wrong_issuer":
            return sign({**claims, "iss": "https://evil.example"})
        case "router_identity_token":
            router = load_key(settings, "router").private_key()
            return jwt.encode({**claims, "iss": "pawgraph-router"}, router, algorithm="EdDSA")
        case "integer_subject":
            return sign({**claims, "sub": "42"})
        case "upper_case_subject":
            return sign({**claims, "sub": claims["sub"].upper()})
        case _ if case.startswith("missing_"):
            claims.pop(case.removeprefix("missing_"))
            return sign(claims)
    raise AssertionError(case)


CASES = ["alg_none", "hs256_with_public_key", "other_key", "expired", "wrong_audience",
         "wrong_issuer", "router_identity_token", "integer_subject", "upper_case_subject",
         "missing_exp", "missing_iat", "missing_sub", "missing_aud", "missing_iss"]


@pytest.mark.parametrize("case", CASES)
async def test_forged_client_token_is_refused(router, settings, world, case):
    response = await router.post({"query": MY_PETS}, _forge(case, settings, world))
    assert response.status_code == 401
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert body.get("data") is None


@pytest.mark.parametrize("headers", [
    {"x-user-id": "1"},
    {"x-user-id": "299cf3fe-ab1b-57a5-aa86-a20001a3e3c5", "x-roles": "admin"},
    {"pawgraph-identity": "forged"},
    {"x-pawgraph-peer-address": "10.0.0.1"},
], ids=["integer_user_id", "uuid_user_id_admin", "identity_header", "peer_header"])
async def test_client_identity_headers_are_ignored(router, world, headers):
    owner = account(world, "owner@demo.test")
    headers = {k: (owner.id if v.startswith("299cf3fe") else v) for k, v in headers.items()}
    response = await router.post({"query": MY_PETS}, headers=headers)
    body = response.json()
    assert not (body.get("data") or {}).get("myPets")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_token_signed_by_the_rotated_out_key_is_refused_once_removed(router, settings, world):
    retired = KeyPair.generate()
    from auth.tokens import TokenIssuer

    token = TokenIssuer(retired, issuer=settings.auth.issuer, audience=settings.auth.audience,
                        ttl_seconds=60).issue(str(uuid.UUID(account(world, "owner@demo.test").id)),
                                              ["owner"])
    response = await router.post({"query": MY_PETS}, token)
    assert response.status_code == 401
