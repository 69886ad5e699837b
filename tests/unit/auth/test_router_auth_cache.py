"""The router remembers verified tokens only until they expire."""

import time
import uuid

import pytest

from auth.errors import AuthError
from auth.keys import KeyPair
from auth.router_auth import RouterAuthenticator
from auth.tokens import ClientTokenVerifier, TokenIssuer

ISS, AUD = "https://auth.test", "pawgraph"


def _pair(ttl: int):
    keys = KeyPair.generate()
    token = TokenIssuer(keys, issuer=ISS, audience=AUD, ttl_seconds=ttl).issue(
        str(uuid.uuid4()), ["owner"])
    auth = RouterAuthenticator(ClientTokenVerifier(keys.public_pem, issuer=ISS, audience=AUD))
    return auth, {"authorization": f"Bearer {token}"}


def test_repeated_token_is_verified_once():
    auth, headers = _pair(600)
    first = auth(headers)
    calls = []
    original = auth.pawgraph.verify
    auth.pawgraph.verify = lambda token: calls.append(token) or original(token)
    assert auth(headers) == first and calls == []


def test_cached_token_is_refused_once_expired():
    auth, headers = _pair(1)
    auth(headers)
    time.sleep(2.1)
    with pytest.raises(AuthError):
        auth(headers)
