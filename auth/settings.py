"""Identity settings slices: the token issuer and its keys (``PAWGRAPH_AUTH__*``) and external
OIDC issuers (``PAWGRAPH_OIDC__ISSUERS``); ``pawgraph.settings.Settings`` composes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, Field, SecretStr


class AuthSettings(BaseModel):
    issuer: str = "https://auth.pawgraph.local"
    audience: str = "pawgraph"
    access_token_ttl_seconds: int = 900
    identity_token_ttl_seconds: int = 60
    # PEM private keys (Ed25519). Unset in development: generated under data_dir/keys.
    issuer_private_key: SecretStr | None = None
    router_private_key: SecretStr | None = None
    router_public_key: str | None = None
    issuer_public_key: str | None = None
    # Key rotation: public keys (PEM) of previous issuer keys that still verify and are still
    # published in the JWKS until the tokens they signed have expired.
    issuer_previous_public_keys: list[str] = Field(default_factory=list)
    # Where an emergency QR link points; the token is appended.
    emergency_link_base_url: str = "https://pawgraph.local/emergency/"


class OIDCIssuer(BaseModel):
    """An external OpenID Connect issuer whose access tokens the router accepts (``auth.oidc``)."""

    issuer: str                       # exact ``iss``
    jwks_url: str                     # its JWKS (fetched by the router, cached)
    audience: str                     # required ``aud``
    algorithms: list[str] = Field(default_factory=lambda: ["RS256"])  # pinned: RS256/ES256/EdDSA
    roles_claim: str = "realm_access.roles"  # dotted path to a list (Keycloak's default)
    role_mapping: dict[str, str] = Field(default_factory=dict)  # external role -> Pawgraph role
    default_roles: list[str] = Field(default_factory=list)      # every verified user, e.g. owner
    clinic_id: str | None = None      # the clinic its staff act for (a clinic network's IdP)
    jwks_max_age_seconds: int = 600   # re-read the JWKS this often
    jwks_cooldown_seconds: int = 30   # at most one fetch per cooldown on unknown ``kid``


class OIDCSettings(BaseModel):
    """``PAWGRAPH_OIDC__ISSUERS`` as JSON: a list of ``OIDCIssuer``."""

    issuers: list[OIDCIssuer] = Field(default_factory=list)


class KeySettings(Protocol):
    """What ``auth.keys`` reads of the composed settings (``pawgraph.settings.Settings``)."""

    @property
    def is_development(self) -> bool: ...

    @property
    def data_dir(self) -> Path: ...

    @property
    def auth(self) -> AuthSettings: ...
