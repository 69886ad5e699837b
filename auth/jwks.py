"""JWKS: publishing Pawgraph's token keys, and reading external OIDC issuers' keys.

- ``key_id(public_pem)``: RFC 7638 JWK thumbprint of an Ed25519 key (the ``kid`` header).
- ``jwks_document(pems)``: ``{"keys": [...]}`` with every currently valid public key (during
  a rotation: the new signing key and the previous one), served at
  ``/.well-known/jwks.json``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable

from cryptography.hazmat.primitives import serialization

from auth.keys import KeyPair


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_jwk(public_pem: bytes) -> dict[str, str]:
    raw = KeyPair(b"", public_pem).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    jwk = {"crv": "Ed25519", "kty": "OKP", "x": _b64(raw)}
    return {**jwk, "kid": _thumbprint(jwk), "use": "sig", "alg": "EdDSA"}


def _thumbprint(jwk: dict[str, str]) -> str:
    canonical = json.dumps({k: jwk[k] for k in ("crv", "kty", "x")}, separators=(",", ":"),
                           sort_keys=True)
    return _b64(hashlib.sha256(canonical.encode()).digest())


def key_id(public_pem: bytes) -> str:
    return public_jwk(public_pem)["kid"]


def jwks_document(public_pems: Iterable[bytes]) -> dict[str, list[dict[str, str]]]:
    return {"keys": [public_jwk(p) for p in public_pems]}
