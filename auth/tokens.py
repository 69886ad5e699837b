"""Client access tokens: issued by Pawgraph's auth, verified by the router.

Access tokens are EdDSA (Ed25519) JWTs with ``iss``, ``aud``, ``sub`` (canonical user UUID),
``iat``, ``exp``, ``roles``, ``scope`` (space-separated, see ``auth.scopes``), ``clinic``
for staff and ``sid`` (the refresh-token family = the sign-in session). The header carries
``kid`` (the RFC 7638 thumbprint of the signing key, see ``auth.jwks``).

Verification pins the algorithm, requires every one of ``exp``/``iat``/``sub``/``aud``/
``iss`` and accepts several public keys at once (key rotation: the new key signs, the
previous one still verifies until the tokens it signed have expired). Anything else is
``UNAUTHENTICATED``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Mapping, Sequence

import jwt

from auth.errors import AuthError
from auth.keys import KeyPair
from auth.principal import ANONYMOUS, Principal
from auth.scopes import scopes_for_roles

ALGORITHMS = ["EdDSA"]
REQUIRED_CLAIMS = ["exp", "iat", "sub", "aud", "iss"]
MAX_CLOCK_SKEW_SECONDS = 0  # issuer and router share a clock source (NTP); no grace


def canonical_uuid(value: str) -> str:
    """Return ``value`` if it is a canonical lowercase UUID string, else raise ValueError."""
    if not isinstance(value, str) or str(uuid.UUID(value)) != value:
        raise ValueError("not a canonical lowercase UUID")
    return value


def principal_from_claims(claims: Mapping, user_id: str | None) -> Principal:
    return Principal(user_id=user_id, roles=frozenset(claims.get("roles") or ()),
                     scopes=frozenset(str(claims.get("scope") or "").split()),
                     clinic_id=claims.get("clinic"), address=claims.get("addr"))


class TokenIssuer:
    def __init__(self, key: KeyPair, *, issuer: str, audience: str, ttl_seconds: int) -> None:
        from auth.jwks import key_id

        self._key = key.private_key()
        self.kid = key_id(key.public_pem)
        self.issuer, self.audience, self.ttl = issuer, audience, ttl_seconds

    def issue(self, user_id: str, roles: Iterable[str], scopes: Iterable[str] | None = None,
              clinic_id: str | None = None, session_id: str | None = None) -> str:
        """A signed access token; ``scopes`` default to what the roles carry."""
        roles = sorted(roles)
        now = int(time.time())
        claims = {
            "iss": self.issuer, "aud": self.audience, "sub": canonical_uuid(user_id),
            "iat": now, "exp": now + self.ttl, "roles": roles,
            "scope": " ".join(sorted(scopes_for_roles(roles) if scopes is None else scopes)),
        }
        if clinic_id is not None:
            claims["clinic"] = canonical_uuid(str(clinic_id))
        if session_id is not None:
            claims["sid"] = session_id
        return jwt.encode(claims, self._key, algorithm="EdDSA", headers={"kid": self.kid})


class ClientTokenVerifier:
    """Verifies Pawgraph-issued access tokens against one or more public keys (rotation)."""

    def __init__(self, public_pem: bytes | Sequence[bytes], *, issuer: str, audience: str) -> None:
        from auth.jwks import key_id

        pems = [public_pem] if isinstance(public_pem, bytes) else list(public_pem)
        self._keys = {key_id(p): KeyPair(b"", p).public_key() for p in pems}
        self.issuer, self.audience = issuer, audience

    def _candidates(self, token: str) -> list:
        kid = jwt.get_unverified_header(token).get("kid")
        if kid is None:
            return list(self._keys.values())
        key = self._keys.get(kid)
        if key is None:
            raise jwt.InvalidKeyError("unknown signing key")
        return [key]

    def verify(self, token: str) -> Principal:
        try:
            claims = None
            for key in self._candidates(token):
                try:
                    claims = jwt.decode(token, key, algorithms=ALGORITHMS, audience=self.audience,
                                        issuer=self.issuer, leeway=MAX_CLOCK_SKEW_SECONDS,
                                        options={"require": REQUIRED_CLAIMS})
                    break
                except jwt.InvalidSignatureError:
                    continue
            if claims is None:
                raise jwt.InvalidSignatureError("signature verification failed")
            user_id = canonical_uuid(claims["sub"])
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise AuthError(f"invalid access token: {exc}") from None
        return principal_from_claims(claims, user_id)

    def authenticate(self, headers: Mapping[str, str]) -> Principal:
        """Router hook: lower-case request headers -> principal (anonymous without a token)."""
        token = bearer_token(headers)
        return ANONYMOUS if token is None else self.verify(token)


def bearer_token(headers: Mapping[str, str]) -> str | None:
    """The token of ``Authorization: Bearer <token>``; None without the header."""
    value = headers.get("authorization")
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("Authorization header must be 'Bearer <token>'")
    return token.strip()
