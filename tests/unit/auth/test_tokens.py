"""Client tokens and router identity tokens: what is accepted and what is refused."""

import time
import uuid

import jwt
import pytest

from auth.errors import AuthError
from auth.keys import KeyPair
from auth.principal import Principal
from auth.router_identity import HEADER, IdentitySigner, IdentityVerifier
from auth.scopes import scopes_for_roles
from auth.tokens import ClientTokenVerifier, TokenIssuer

ISS, AUD = "https://auth.test", "pawgraph"
USER = str(uuid.uuid4())


@pytest.fixture(scope="module")
def keys() -> KeyPair:
    return KeyPair.generate()


@pytest.fixture(scope="module")
def verifier(keys) -> ClientTokenVerifier:
    return ClientTokenVerifier(keys.public_pem, issuer=ISS, audience=AUD)


def _claims(**over):
    now = int(time.time())
    return {"iss": ISS, "aud": AUD, "sub": USER, "iat": now, "exp": now + 60,
            "roles": ["owner"], **over}


def test_issued_token_verifies_to_its_principal(keys, verifier):
    token = TokenIssuer(keys, issuer=ISS, audience=AUD, ttl_seconds=60).issue(USER, ["owner"])
    assert verifier.verify(token) == Principal(user_id=USER, roles=frozenset({"owner"}),
                                               scopes=scopes_for_roles(["owner"]))


@pytest.mark.parametrize("change", [
    {"exp": int(time.time()) - 10}, {"aud": "other"}, {"iss": "https://evil"},
    {"sub": "not-a-uuid"}, {"sub": USER.upper()},
])
def test_token_with_bad_claims_is_refused(keys, verifier, change):
    token = jwt.encode(_claims(**change), keys.private_key(), algorithm="EdDSA")
    with pytest.raises(AuthError):
        verifier.verify(token)


@pytest.mark.parametrize("missing", ["exp", "iat", "sub", "aud", "iss"])
def test_token_missing_a_required_claim_is_refused(keys, verifier, missing):
    claims = _claims()
    del claims[missing]
    with pytest.raises(AuthError):
        verifier.verify(jwt.encode(claims, keys.private_key(), algorithm="EdDSA"))


def test_token_signed_with_hmac_is_refused(verifier):
    token = jwt.encode(_claims(), "an-attacker-chosen-shared-secret-32b", algorithm="HS256")
    with pytest.raises(AuthError):
        verifier.verify(token)


def test_token_from_another_key_is_refused(verifier):
    token = jwt.encode(_claims(), KeyPair.generate().private_key(), algorithm="EdDSA")
    with pytest.raises(AuthError):
        verifier.verify(token)


def test_missing_authorization_header_is_anonymous(verifier):
    assert verifier.authenticate({}) == Principal()


def test_non_bearer_authorization_is_refused(verifier):
    with pytest.raises(AuthError):
        verifier.authenticate({"authorization": "Basic abc"})


def test_identity_token_binds_subgraph_and_body(keys):
    principal = Principal(user_id=USER, roles=frozenset({"vet"}), clinic_id=str(uuid.uuid4()))
    token = IdentitySigner(keys).headers_for("profiles", b'{"query":"{a}"}', principal)[HEADER]
    assert IdentityVerifier(keys.public_pem, "profiles").verify(token, b'{"query":"{a}"}') == principal
    with pytest.raises(AuthError):
        IdentityVerifier(keys.public_pem, "profiles").verify(token, b'{"query":"{b}"}')
    with pytest.raises(AuthError):
        IdentityVerifier(keys.public_pem, "payments").verify(token, b'{"query":"{a}"}')
    with pytest.raises(AuthError):
        IdentityVerifier(keys.public_pem, "profiles").verify(None, b"")


def test_identity_token_lifetime_is_capped_at_60_seconds(keys):
    with pytest.raises(ValueError):
        IdentitySigner(keys, ttl_seconds=3600)


def test_token_of_the_previous_key_verifies_during_rotation(keys):
    new = KeyPair.generate()
    both = ClientTokenVerifier([new.public_pem, keys.public_pem], issuer=ISS, audience=AUD)
    old_token = TokenIssuer(keys, issuer=ISS, audience=AUD, ttl_seconds=60).issue(USER, ["vet"])
    new_token = TokenIssuer(new, issuer=ISS, audience=AUD, ttl_seconds=60).issue(USER, ["vet"])
    assert both.verify(old_token).user_id == both.verify(new_token).user_id == USER


def test_token_with_an_unknown_key_id_is_refused(verifier):
    token = TokenIssuer(KeyPair.generate(), issuer=ISS, audience=AUD, ttl_seconds=60).issue(
        USER, ["owner"])
    with pytest.raises(AuthError):
        verifier.verify(token)


def test_token_header_names_its_key_by_jwk_thumbprint(keys):
    from auth.jwks import jwks_document, key_id

    token = TokenIssuer(keys, issuer=ISS, audience=AUD, ttl_seconds=60).issue(USER, ["owner"])
    assert jwt.get_unverified_header(token)["kid"] == key_id(keys.public_pem)
    (jwk,) = jwks_document([keys.public_pem])["keys"]
    assert jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519" and jwk["kid"] == key_id(keys.public_pem)
    assert "d" not in jwk


def test_identity_token_carries_the_client_address_without_comparing_it(keys):
    principal = Principal(user_id=USER, roles=frozenset({"owner"}), address="203.0.113.9")
    token = IdentitySigner(keys).headers_for("accounts", b"{}", principal)[HEADER]
    assert IdentityVerifier(keys.public_pem, "accounts").verify(token, b"{}").address == "203.0.113.9"


def test_processes_starting_together_on_a_fresh_data_dir_agree_on_one_dev_key(tmp_path):
    """Eight `pawgraph subgraph` processes start at once on a new data dir: one key, no
    process fails on the race (it used to: FileExistsError), none reads a half-written file."""
    import multiprocessing
    import stat

    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(8), context.Queue()
    workers = [context.Process(target=_dev_key_worker, args=(str(tmp_path), barrier, results))
               for _ in range(8)]
    for worker in workers:
        worker.start()
    got = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(30)
    assert all(isinstance(g, bytes) for g in got), got  # no worker failed
    assert len(set(got)) == 1
    path = tmp_path / "keys" / "router.pem"
    assert path.read_bytes() == got[0]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in (tmp_path / "keys").iterdir()] == ["router.pem"]  # no temporaries


def _dev_key_worker(data_dir: str, barrier, results) -> None:
    from pathlib import Path

    from auth.keys import _dev_key

    barrier.wait(30)
    try:
        results.put(_dev_key(Path(data_dir), "router").private_pem)
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(repr(exc))
