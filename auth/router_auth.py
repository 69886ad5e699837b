"""The router's client authentication: request headers -> ``Principal``.

Accepts Pawgraph access tokens (``auth.tokens.ClientTokenVerifier``, several keys during a
rotation) and tokens of configured external OIDC issuers (``auth.oidc.OIDCVerifier``, from
``settings.oidc.issuers``), chosen by the token's unverified ``iss`` and then fully verified
by that issuer's verifier (an unknown ``iss`` goes to Pawgraph's verifier and fails there).
Calling the authenticator returns a ``Principal`` for Pawgraph tokens and anonymous calls,
and an awaitable of one for external tokens (their JWKS may have to be fetched). Any other
identity header a client sends (``x-user-id``, ``pawgraph-identity``, ...) is never read:
the principal comes from a verified token only, and the router mints its own identity token
per subgraph call. The peer address the router's HTTP layer adds is copied into the
principal (rate limits).
"""

from __future__ import annotations

import dataclasses
import inspect
import time
from collections.abc import Awaitable, Mapping, Sequence

import jwt

from auth.errors import AuthError
from auth.principal import ANONYMOUS, Principal
from auth.tokens import ClientTokenVerifier, bearer_token

PEER_ADDRESS_HEADER = "x-pawgraph-peer-address"  # = supergraph.http.app.PEER_ADDRESS_HEADER


class RouterAuthenticator:
    """Verified Pawgraph tokens are remembered until they expire (a bounded map), so a client
    sending the same token on every request pays for one signature check, not one per
    request. The trusted keys are fixed for the authenticator's life, so nothing a cached
    entry relied on can change before its ``exp``."""

    CACHE_SIZE = 10_000

    def __init__(self, pawgraph: ClientTokenVerifier, external: Sequence = ()) -> None:
        self.pawgraph = pawgraph
        self.external = {issuer.issuer: issuer for issuer in external}
        self._verified: dict[str, tuple[Principal, float]] = {}

    def _verify(self, token: str) -> Principal | Awaitable[Principal]:
        cached = self._verified.get(token)
        if cached is not None and cached[1] > time.time():
            return cached[0]
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise AuthError("invalid access token: malformed") from None
        verifier = self.external.get(claims.get("iss"))
        if verifier is not None:
            return verifier.verify(token)
        principal = self.pawgraph.verify(token)
        if len(self._verified) >= self.CACHE_SIZE:
            self._verified.clear()
        self._verified[token] = (principal, float(claims["exp"]))
        return principal

    def __call__(self, headers: Mapping[str, str]) -> Principal | Awaitable[Principal]:
        token = bearer_token(headers)
        principal = ANONYMOUS if token is None else self._verify(token)
        address = headers.get(PEER_ADDRESS_HEADER) or None
        if inspect.isawaitable(principal):
            return _with_address(principal, address)
        return dataclasses.replace(principal, address=address) if address else principal


async def _with_address(pending: Awaitable[Principal], address: str | None) -> Principal:
    principal = await pending
    return dataclasses.replace(principal, address=address) if address else principal
