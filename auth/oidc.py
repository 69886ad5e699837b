"""External OpenID Connect issuers (e.g. a clinic network's Keycloak): their access tokens,
verified through their JWKS.

- ``JWKSCache``: the issuer's keys by ``kid``, fetched over HTTP (aiohttp, 5 s timeout, 256 KiB
  cap). Re-read after ``jwks_max_age_seconds``; an unknown ``kid`` triggers a re-read at most
  once per ``jwks_cooldown_seconds`` (failed fetches count too), and concurrent callers share
  one fetch (a lock + double check): a flood of tokens with made-up ``kid``s cannot turn into
  a flood of requests to the issuer. A failed fetch keeps the keys already known.
- ``OIDCVerifier.verify``: the header's ``alg`` must be one of the issuer's pinned
  ``algorithms`` (never ``none`` or an HMAC: the allowed set is validated at start-up) and
  agree with the key's ``alg``; ``exp``/``iat``/``sub``/``aud``/``iss`` are required.
- identity: the external ``sub`` maps to a canonical Pawgraph user UUID,
  ``uuid5(OIDC_NAMESPACE, "<issuer>|<sub>")`` - stable, never colliding with another
  issuer's subjects, and never taken from a header. Roles come from ``roles_claim`` through
  ``role_mapping`` (plus ``default_roles``); ``admin`` can never come from outside. Scopes are
  those of the mapped roles (``auth.scopes``); staff act for the issuer's ``clinic_id``.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any

import jwt

from auth.errors import AuthError
from auth.principal import Principal, Role
from auth.scopes import scopes_for_roles
from auth.tokens import REQUIRED_CLAIMS

OIDC_NAMESPACE = uuid.UUID("8f0c1a5e-3b7d-5c4e-9a61-2d4f7b0e6c13")
ALLOWED_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"})
MAX_JWKS_BYTES = 262_144


def external_user_id(issuer: str, subject: str) -> str:
    return str(uuid.uuid5(OIDC_NAMESPACE, f"{issuer}|{subject}"))


async def fetch_json(url: str) -> Any:
    import aiohttp

    timeout = aiohttp.ClientTimeout(total=5)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(url, headers={"accept": "application/json"}) as response:
            response.raise_for_status()
            body = await response.content.read(MAX_JWKS_BYTES + 1)
    if len(body) > MAX_JWKS_BYTES:
        raise ValueError("JWKS document too large")
    import orjson

    return orjson.loads(body)


class JWKSCache:
    def __init__(self, url: str, *, max_age: float, cooldown: float,
                 fetch: Callable[[str], Any] = fetch_json,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.url, self.max_age, self.cooldown = url, max_age, cooldown
        self._fetch, self._clock = fetch, clock
        self._keys: dict[str, dict] = {}
        self._fetched_at: float | None = None   # last successful fetch
        self._attempted_at: float | None = None  # last attempt, successful or not
        self._lock = asyncio.Lock()
        self.fetches = 0

    def _due(self, kid: str) -> bool:
        now = self._clock()
        if self._attempted_at is not None and now - self._attempted_at < self.cooldown:
            return False
        stale = self._fetched_at is None or now - self._fetched_at >= self.max_age
        return stale or kid not in self._keys

    async def get(self, kid: str) -> dict | None:
        if self._due(kid):
            async with self._lock:
                if self._due(kid):  # another caller may have fetched while we waited
                    await self._refresh()
        return self._keys.get(kid)

    async def _refresh(self) -> None:
        self._attempted_at = self._clock()
        self.fetches += 1
        try:
            document = await self._fetch(self.url)
            keys = {k["kid"]: k for k in document["keys"] if isinstance(k, dict) and "kid" in k
                    and k.get("use", "sig") == "sig"}
        except Exception:  # noqa: BLE001 - any failure: keep the known keys, retry after cooldown
            return
        self._keys, self._fetched_at = keys, self._clock()


def _claim_path(claims: Mapping, path: str) -> Any:
    value: Any = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


class OIDCVerifier:
    def __init__(self, config, cache: JWKSCache | None = None) -> None:
        _validate(config)
        self.config, self.issuer = config, config.issuer
        self.cache = cache or JWKSCache(config.jwks_url, max_age=config.jwks_max_age_seconds,
                                        cooldown=config.jwks_cooldown_seconds)

    async def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
            alg, kid = header.get("alg"), header.get("kid")
            if not isinstance(alg, str) or alg not in self.config.algorithms:
                raise AuthError(f"invalid access token: algorithm {alg!r} not allowed")
            jwk = await self.cache.get(kid) if isinstance(kid, str) else None
            if jwk is None:
                raise AuthError("invalid access token: unknown signing key")
            if jwk.get("alg", alg) != alg:
                raise AuthError("invalid access token: algorithm does not match the key")
            key = jwt.PyJWK(jwk, algorithm=alg).key
            claims = jwt.decode(token, key, algorithms=[alg], audience=self.config.audience,
                                issuer=self.issuer, options={"require": REQUIRED_CLAIMS})
        except AuthError:
            raise
        except (jwt.PyJWTError, ValueError, TypeError, KeyError) as exc:
            raise AuthError(f"invalid access token: {exc}") from None
        if not isinstance(claims["sub"], str) or not claims["sub"]:
            raise AuthError("invalid access token: bad subject")
        return self.principal(claims)

    def principal(self, claims: Mapping) -> Principal:
        raw = _claim_path(claims, self.config.roles_claim) or []
        external = raw.split() if isinstance(raw, str) else [r for r in raw if isinstance(r, str)]
        roles = {self.config.role_mapping[r] for r in external if r in self.config.role_mapping}
        roles |= set(self.config.default_roles)
        staff = roles & {Role.VET, Role.CLINIC_ADMIN, Role.PARTNER}
        return Principal(user_id=external_user_id(self.issuer, claims["sub"]),
                         roles=frozenset(roles), scopes=scopes_for_roles(roles),
                         clinic_id=self.config.clinic_id if staff else None)


def _validate(config) -> None:
    """Refuse configurations that would weaken verification or escalate roles."""
    bad = set(config.algorithms) - ALLOWED_ALGORITHMS
    if bad or not config.algorithms:
        raise ValueError(f"OIDC issuer {config.issuer}: algorithms {sorted(bad)} not allowed")
    roles = set(config.role_mapping.values()) | set(config.default_roles)
    if Role.ADMIN in roles or not roles <= {str(r) for r in Role}:
        raise ValueError(f"OIDC issuer {config.issuer}: roles must be non-admin Pawgraph roles")
