"""Client access tokens: issued by Pawgraph's auth, verified by the router.

Access tokens are EdDSA (Ed25519) JWTs with ``iss``, ``aud``, ``sub`` (canonical user UUID),
``iat``, ``exp``, ``roles`` and ``scope``. Verification pins the algorithm and requires every
one of those registered claims; anything else is ``UNAUTHENTICATED``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Mapping

import jwt

from auth.errors import AuthError
from auth.keys import KeyPair
from auth.principal import ANONYMOUS, Principal

ALGORITHMS = ["EdDSA"]
REQUIRED_CLAIMS = ["exp", "iat", "sub", "aud", "iss"]


def canonical_uuid(value: str) -> str:
    """Return ``value`` if it is a canonical lowercase UUID string, else raise ValueError."""
    if str(uuid.UUID(value)) != value:
        raise ValueError("not a canonical lowercase UUID")
    return value


def principal_from_claims(claims: Mapping, user_id: str | None) -> Principal:
    return Principal(user_id=user_id, roles=frozenset(claims.get("roles") or ()),
                     scopes=frozenset(str(claims.get("scope") or "").split()),
                     clinic_id=claims.get("clinic"))


class TokenIssuer:
    def __init__(self, key: KeyPair, *, issuer: str, audience: str, ttl_seconds: int) -> None:
        self._key = key.private_key()
        self.issuer, self.audience, self.ttl = issuer, audience, ttl_seconds

    def issue(self, user_id: str, roles: Iterable[str], scopes: Iterable[str] = (),
              clinic_id: str | None = None) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer, "aud": self.audience, "sub": canonical_uuid(user_id),
            "iat": now, "exp": now + self.ttl, "roles": sorted(roles),
            "scope": " ".join(sorted(scopes)),
        }
        if clinic_id is not None:
            claims["clinic"] = canonical_uuid(clinic_id)
        return jwt.encode(claims, self._key, algorithm="EdDSA")


class ClientTokenVerifier:
    def __init__(self, public_pem: bytes, *, issuer: str, audience: str) -> None:
        self._key = KeyPair(b"", public_pem).public_key()
        self.issuer, self.audience = issuer, audience

    def verify(self, token: str) -> Principal:
        try:
            claims = jwt.decode(token, self._key, algorithms=ALGORITHMS, audience=self.audience,
                                issuer=self.issuer, options={"require": REQUIRED_CLAIMS})
            user_id = canonical_uuid(claims["sub"])
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise AuthError(f"invalid access token: {exc}") from None
        return principal_from_claims(claims, user_id)

    def authenticate(self, headers: Mapping[str, str]) -> Principal:
        """Router hook: lower-case request headers -> principal (anonymous without a token)."""
        value = headers.get("authorization")
        if not value:
            return ANONYMOUS
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("Authorization header must be 'Bearer <token>'")
        return self.verify(token.strip())
