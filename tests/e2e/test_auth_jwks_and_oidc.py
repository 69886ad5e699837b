"""Keys through the router: Pawgraph's JWKS endpoint and key rollover; external OIDC issuers
(a local JWKS server on loopback stands in for a clinic network's Keycloak, with real RSA
and EC keys) verified with pinned algorithms, cached keys and no fetch storm."""

from __future__ import annotations

import asyncio
import time

import httpx
import jwt
import pytest
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from auth.keys import KeyPair, load_key
from auth.oidc import external_user_id
from auth.tokens import TokenIssuer
from pawgraph.settings import OIDCIssuer
from tests.support.platform import account

pytestmark = pytest.mark.e2e

ISS = "https://keycloak.vetnet.test/realms/vetnet"
AUD = "pawgraph-router"
MY_PETS = {"query": "{ myPets { id } }"}
PET = "query($id: ID!) { pet(id: $id) { id medicalRecord { allergies { allergen } } } }"


def router_for(platform, settings):
    from pawgraph.assembly import router_edge, router_hooks
    from supergraph.http.app import RouterConfig, create_router_app

    authenticate, identity_headers = router_hooks(settings)
    return create_router_app(RouterConfig(
        supergraph_sdl=platform.supergraph_sdl, transports=platform.transports,
        authenticate=authenticate, identity_headers=identity_headers, dev=True,
        **router_edge(settings)))


async def call(app, method: str, path: str, token: str | None = None, payload=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://router") as client:
        return await client.request(method, path, json=payload, headers=headers)


def _code(response) -> str | None:
    errors = response.json().get("errors") or []
    return errors[0]["extensions"]["code"] if errors else None


# --- Pawgraph's own keys ------------------------------------------------------------------------

async def test_jwks_endpoint_lists_the_issuer_key(platform, settings):
    from auth.jwks import key_id

    response = await call(platform.router_app, "GET", "/.well-known/jwks.json")
    kids = [k["kid"] for k in response.json()["keys"]]
    assert kids == [key_id(load_key(settings, "issuer").public_pem)]
    assert {k["alg"] for k in response.json()["keys"]} == {"EdDSA"}
    assert not any("d" in k for k in response.json()["keys"])  # public halves only


def _rotated(settings, previous: list[str]):
    new = KeyPair.generate()
    auth = settings.auth.model_copy(update={
        "issuer_private_key": _secret(new.private_pem.decode()),
        "issuer_previous_public_keys": previous})
    return settings.model_copy(update={"auth": auth}), new


def _secret(value: str):
    from pydantic import SecretStr

    return SecretStr(value)


async def test_previous_key_verifies_during_rollover_and_not_after(platform, settings, world,
                                                                  issue_token):
    old_token = issue_token(account(world, "owner@demo.test"))
    old_public = load_key(settings, "issuer").public_pem.decode()
    rolling, new_key = _rotated(settings, [old_public])
    app = router_for(platform, rolling)
    assert len((await call(app, "GET", "/.well-known/jwks.json")).json()["keys"]) == 2
    assert _code(await call(app, "POST", "/graphql", old_token, MY_PETS)) is None
    new_token = TokenIssuer(new_key, issuer=settings.auth.issuer, audience=settings.auth.audience,
                            ttl_seconds=60).issue(account(world, "owner@demo.test").id, ["owner"])
    assert _code(await call(app, "POST", "/graphql", new_token, MY_PETS)) is None
    done = router_for(platform, rolling.model_copy(update={"auth": rolling.auth.model_copy(
        update={"issuer_previous_public_keys": []})}))
    assert len((await call(done, "GET", "/.well-known/jwks.json")).json()["keys"]) == 1
    assert _code(await call(done, "POST", "/graphql", old_token, MY_PETS)) == "UNAUTHENTICATED"
    assert _code(await call(done, "POST", "/graphql", new_token, MY_PETS)) is None


# --- an external OIDC issuer --------------------------------------------------------------------

class FakeKeycloak:
    """A JWKS endpoint on 127.0.0.1:<free port> with real keys; counts fetches."""

    def __init__(self) -> None:
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec = ec.generate_private_key(ec.SECP256R1())
        self.published = {"rsa-1": (self.rsa, "RS256"), "ec-1": (self.ec, "ES256")}
        self.hits = 0

    def jwks(self) -> dict:
        keys = []
        for kid, (key, alg) in self.published.items():
            jwk = jwt.PyJWK.from_json(_public_jwk(key, alg)).key  # round trip: a valid JWK
            keys.append({**_jwk_dict(key, alg), "kid": kid, "use": "sig", "alg": alg})
            assert jwk is not None
        return {"keys": keys}

    async def handle(self, request: web.Request) -> web.Response:
        self.hits += 1
        return web.json_response(self.jwks())

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/certs", self.handle)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = self.runner.addresses[0][1]
        return f"http://127.0.0.1:{port}/certs"

    def token(self, kid="rsa-1", alg=None, **overrides) -> str:
        key, key_alg = self.published.get(kid, (self.rsa, "RS256"))
        now = int(time.time())
        claims = {"iss": ISS, "aud": AUD, "sub": "kc-user-42", "iat": now, "exp": now + 300,
                  "realm_access": {"roles": ["veterinarian"]}, **overrides}
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, key, algorithm=alg or key_alg, headers={"kid": kid})


def _jwk_dict(key, alg: str) -> dict:
    import json

    return json.loads(_public_jwk(key, alg))


def _public_jwk(key, alg: str) -> str:
    algorithm = jwt.get_algorithm_by_name(alg)
    return algorithm.to_jwk(key.public_key())


@pytest.fixture
async def keycloak():
    server = FakeKeycloak()
    server.url = await server.start()
    yield server
    await server.runner.cleanup()


def _oidc_settings(settings, world, url: str, cooldown: int = 30):
    vet = account(world, "vet@demo.test")
    issuer = OIDCIssuer(issuer=ISS, jwks_url=url, audience=AUD, algorithms=["RS256", "ES256"],
                        role_mapping={"veterinarian": "vet"}, clinic_id=vet.clinic_id,
                        jwks_cooldown_seconds=cooldown)
    return settings.model_copy(update={"oidc": settings.oidc.model_copy(
        update={"issuers": [issuer]})})


def _patient(world):
    vet = account(world, "vet@demo.test")
    return next(a.pet_id for a in sorted(world.appointments, key=lambda a: a.id)
                if a.clinic_id == vet.clinic_id)


@pytest.mark.parametrize("kid", ["rsa-1", "ec-1"])
async def test_external_vet_token_reads_their_clinic_patient(platform, settings, world,
                                                             keycloak, kid):
    app = router_for(platform, _oidc_settings(settings, world, keycloak.url))
    pet_id = _patient(world)
    response = await call(app, "POST", "/graphql", keycloak.token(kid),
                          {"query": PET, "variables": {"id": pet_id}})
    assert "errors" not in response.json(), response.json()
    assert response.json()["data"]["pet"]["id"] == pet_id


def test_external_subject_maps_to_a_stable_canonical_uuid():
    first = external_user_id(ISS, "kc-user-42")
    assert first == external_user_id(ISS, "kc-user-42") != external_user_id("https://other", "kc-user-42")
    import uuid

    assert str(uuid.UUID(first)) == first


def _hs256_with_public_key(server: FakeKeycloak) -> str:
    from cryptography.hazmat.primitives import serialization

    pem = server.rsa.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    now = int(time.time())
    claims = {"iss": ISS, "aud": AUD, "sub": "x", "iat": now, "exp": now + 60}
    import base64
    import hashlib
    import hmac
    import json

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signing = b64(json.dumps({"alg": "HS256", "kid": "rsa-1", "typ": "JWT"}).encode()) + "." + \
        b64(json.dumps(claims).encode())
    return signing + "." + b64(hmac.new(pem, signing.encode(), hashlib.sha256).digest())


def _unsigned(server: FakeKeycloak) -> str:
    import base64
    import json

    now = int(time.time())
    parts = [{"alg": "none", "kid": "rsa-1"},
             {"iss": ISS, "aud": AUD, "sub": "x", "iat": now, "exp": now + 60}]
    return ".".join(base64.urlsafe_b64encode(json.dumps(p).encode()).rstrip(b"=").decode()
                    for p in parts) + "."


ATTACKS = {
    "alg_none": _unsigned,
    "hs256_with_the_rsa_public_key": _hs256_with_public_key,
    "wrong_audience": lambda s: s.token(aud="someone-else"),
    "missing_exp": lambda s: s.token(exp=None),
    "missing_iat": lambda s: s.token(iat=None),
    "expired": lambda s: s.token(iat=int(time.time()) - 900, exp=int(time.time()) - 60),
    "wrong_issuer": lambda s: s.token(iss="https://evil.test/realms/vetnet"),
    "rs256_token_naming_the_ec_key": lambda s: jwt.encode(
        {"iss": ISS, "aud": AUD, "sub": "x", "iat": int(time.time()), "exp": int(time.time()) + 60},
        s.rsa, algorithm="RS256", headers={"kid": "ec-1"}),
    "unknown_kid": lambda s: s.token(kid="nobody"),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
async def test_forged_external_tokens_are_refused(platform, settings, world, keycloak, attack):
    app = router_for(platform, _oidc_settings(settings, world, keycloak.url))
    response = await call(app, "POST", "/graphql", ATTACKS[attack](keycloak), MY_PETS)
    assert _code(response) == "UNAUTHENTICATED"


async def test_unknown_kids_do_not_cause_a_fetch_storm(platform, settings, world, keycloak):
    app = router_for(platform, _oidc_settings(settings, world, keycloak.url, cooldown=3600))
    assert _code(await call(app, "POST", "/graphql", keycloak.token(), MY_PETS)) is None
    before = keycloak.hits
    forged = [keycloak.token(kid=f"made-up-{i}") for i in range(25)]
    results = await asyncio.gather(*(call(app, "POST", "/graphql", t, MY_PETS) for t in forged))
    assert {_code(r) for r in results} == {"UNAUTHENTICATED"}
    assert keycloak.hits - before <= 1
    assert _code(await call(app, "POST", "/graphql", keycloak.token(), MY_PETS)) is None


async def test_issuer_key_rotation_is_picked_up_on_unknown_kid(platform, settings, world,
                                                               keycloak):
    app = router_for(platform, _oidc_settings(settings, world, keycloak.url, cooldown=0))
    assert _code(await call(app, "POST", "/graphql", keycloak.token(), MY_PETS)) is None
    keycloak.published["rsa-2"] = (rsa.generate_private_key(public_exponent=65537, key_size=2048),
                                   "RS256")
    assert _code(await call(app, "POST", "/graphql", keycloak.token("rsa-2"), MY_PETS)) is None


def test_an_issuer_cannot_be_configured_to_grant_admin_or_hmac():
    from auth.oidc import OIDCVerifier

    for bad in ({"role_mapping": {"root": "admin"}}, {"algorithms": ["HS256"]},
                {"algorithms": ["none"]}):
        with pytest.raises(ValueError):
            OIDCVerifier(OIDCIssuer(issuer=ISS, jwks_url="http://127.0.0.1:9/", audience=AUD,
                                    **bad))
