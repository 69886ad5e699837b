"""Router -> subgraph identity: a short-lived token minted per subgraph call.

The router signs (Ed25519) a JWT with ``iss`` = ``pawgraph-router``, ``aud`` = the subgraph
name, ``sub`` = the user UUID (absent for anonymous calls), ``roles``, ``scope``, ``iat``,
``exp`` (<= 60 s), ``clinic`` (staff), ``addr`` (the client address the router saw; used
only for rate limits) and ``bh`` = base64url(SHA-256(request body)). Subgraphs hold only the
router's public key and refuse any request without a valid token for exactly that body,
before GraphQL runs (``_service`` and ``_entities`` included).
"""

from __future__ import annotations

import base64
import hashlib
import time

import jwt
import orjson

from auth.errors import AuthError
from auth.keys import KeyPair
from auth.principal import Principal
from auth.tokens import canonical_uuid, principal_from_claims

HEADER = "pawgraph-identity"
ISSUER = "pawgraph-router"


def body_hash(body: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(body).digest()).rstrip(b"=").decode()


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


_JWT_HEADER = _b64(b'{"alg":"EdDSA","typ":"JWT"}')


class IdentitySigner:
    def __init__(self, key: KeyPair, ttl_seconds: int = 60) -> None:
        if not 0 < ttl_seconds <= 60:
            raise ValueError("router identity tokens live at most 60 seconds")
        self._key = key.private_key()
        self.ttl = ttl_seconds

    def headers_for(self, subgraph: str, body: bytes, principal: Principal) -> dict[str, str]:
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": subgraph, "iat": now, "exp": now + self.ttl,
                  "roles": sorted(principal.roles), "scope": " ".join(sorted(principal.scopes)),
                  "bh": body_hash(body)}
        if principal.user_id is not None:
            claims["sub"] = principal.user_id
        if principal.clinic_id is not None:
            claims["clinic"] = principal.clinic_id
        if principal.address:
            claims["addr"] = principal.address
        return {HEADER: self._sign(claims)}

    def _sign(self, claims: dict) -> str:
        """Compact JWS (RFC 7515) with EdDSA, built directly: this runs once per subgraph
        call, and the fixed header is encoded once. Any JWT library verifies it."""
        signing_input = _JWT_HEADER + b"." + _b64(orjson.dumps(claims))
        return (signing_input + b"." + _b64(self._key.sign(signing_input))).decode()


class IdentityVerifier:
    def __init__(self, public_pem: bytes, subgraph: str) -> None:
        self._key = KeyPair(b"", public_pem).public_key()
        self.subgraph = subgraph

    def verify(self, token: str | None, body: bytes) -> Principal:
        if not token:
            raise AuthError("missing router identity token")
        try:
            claims = jwt.decode(token, self._key, algorithms=["EdDSA"], audience=self.subgraph,
                                issuer=ISSUER, options={"require": ["exp", "iat", "aud", "iss"]})
            user_id = canonical_uuid(claims["sub"]) if "sub" in claims else None
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise AuthError(f"invalid router identity token: {exc}") from None
        if claims["exp"] - claims["iat"] > 60:
            raise AuthError("router identity token lifetime exceeds 60 seconds")
        if claims.get("bh") != body_hash(body):
            raise AuthError("router identity token does not match the request body")
        return principal_from_claims(claims, user_id)


def subscribe_body(query: str, variables: dict | None, operation_name: str | None) -> bytes:
    """The bytes an identity token covers for a WebSocket ``subscribe`` message.

    Over graphql-transport-ws there is no request body, so the router signs this canonical
    serialisation of the subscribe payload and the subgraph recomputes it.
    """
    import orjson

    return orjson.dumps({"query": query, "variables": variables or {},
                         "operationName": operation_name})
