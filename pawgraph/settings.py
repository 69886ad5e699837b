"""Settings: pydantic-settings, prefix ``PAWGRAPH_``, nested with ``__``.

``PAWGRAPH_POSTGRES__URL``, ``PAWGRAPH_REDIS__URL``, ``PAWGRAPH_MONGO__URL`` and
``PAWGRAPH_MQTT__URL`` point at external stores; when one is unset, ``pawgraph dev`` and the test suite start the embedded server for it
(``persistence.embedded``). Secrets are ``SecretStr``; outside development, keys must be given
(``PAWGRAPH_AUTH__*_PRIVATE_KEY``) and the development key files are refused.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class PostgresSettings(BaseModel):
    url: str | None = None
    pool_size: int = 5


class MongoSettings(BaseModel):
    url: str | None = None
    database: str = "pawgraph_profiles"


class RedisSettings(BaseModel):
    url: str | None = None
    key_prefix: str = "pawgraph:"


class MqttSettings(BaseModel):
    """Wearable telemetry over MQTT (``subgraphs.chronic_care.ingest``).

    ``url``: ``mqtt://[user[:password]@]host[:port]`` (``mqtts://`` for TLS); unset: `pawgraph
    dev` and the tests start the embedded amqtt broker, and a standalone chronic_care process
    runs without ingestion. ``client_id`` names the consumer's persistent session: exactly one
    chronic_care process per deployment consumes (``ingest``), the others set it to false.
    """

    url: str | None = None
    topic_prefix: str = "pawgraph/wearables"
    client_id: str = "pawgraph-chronic-care"
    ingest: bool = True
    reconnect_min_seconds: float = 0.5
    reconnect_max_seconds: float = 30.0


class WearableSettings(BaseModel):
    """Wearable alert rules (``subgraphs.chronic_care.inactivity``), ``PAWGRAPH_WEARABLES__*``.

    ``inactivity_hours``: daytime hours (08:00-20:00 local) without activity that raise one
    INACTIVITY alert; ``silent_after_minutes``: a gap between samples longer than this is a
    silent collar, not a still pet (the still stretch restarts); ``sweep_seconds``: how often
    the chronic_care process checks still stretches between samples (0: never, this process);
    ``sweep_batch``: rows per sweep transaction; ``max_clock_skew_minutes``: a sample stamped
    further ahead of the server clock is refused (a collar with a wrong clock would otherwise
    hold its pet's activity state in the future, and no INACTIVITY alert would come).
    """

    inactivity_hours: float = Field(6.0, gt=0, le=24)
    silent_after_minutes: int = Field(60, ge=5, le=24 * 60)
    sweep_seconds: float = Field(300.0, ge=0)
    sweep_batch: int = Field(500, ge=1, le=10_000)
    max_clock_skew_minutes: int = Field(10, ge=0, le=100 * 366 * 24 * 60)


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


class RouterSettings(BaseModel):
    """The router's edge (``PAWGRAPH_ROUTER__*``; lists as JSON). See ``supergraph.plugins.config``."""

    # limits (None disables one)
    max_tokens: int | None = 2000
    max_depth: int | None = 15
    max_aliases: int | None = 30
    max_root_fields: int | None = 20
    max_directives: int | None = 10
    max_fields: int | None = 2000
    max_overlap_comparisons: int | None = 6000
    # demand control; with the default it applies when the supergraph declares @cost/@listSize
    # (ours does), set explicitly it applies to any supergraph
    max_cost: int | None = 5000
    default_list_size: int = 20
    # HTTP
    max_body_bytes: int = 262_144
    max_batch_size: int = 8
    csrf_prevention: bool = True
    cors_origins: list[str] = Field(default_factory=list)
    # persisted documents: manifest (default client-queries/manifest.json), APQ in Redis
    manifest_path: Path | None = None
    trusted_document_roles: list[str] = Field(default_factory=lambda: ["partner"])
    apq: bool = True
    apq_ttl_seconds: int = 86_400
    safelist: str = "off"  # off | log | enforce (full query texts outside the manifest)
    # outside development: introspection and field suggestions for admins only
    introspection: bool = False
    # live updates (graphql-transport-ws; supergraph.subscriptions.protocol.SubscriptionLimits)
    subscriptions_per_connection: int = 20
    subscriptions_per_user: int = 50  # across router instances (Redis leases)
    subscription_send_queue: int = 256  # messages; a client that falls behind is closed (4429)
    subscription_idle_timeout_seconds: float = 60.0  # no subscription this long: closed (4408)
    subscription_init_timeout_seconds: float = 10.0  # connection_init must arrive within


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PAWGRAPH_", env_nested_delimiter="__", extra="ignore"
    )

    env: Environment = Environment.DEVELOPMENT
    data_dir: Path = Path(".pawgraph")
    postgres: PostgresSettings = Field(default_factory=PostgresSettings)
    mongo: MongoSettings = Field(default_factory=MongoSettings)
    redis: RedisSettings = Field(default_factory=RedisSettings)
    mqtt: MqttSettings = Field(default_factory=MqttSettings)
    wearables: WearableSettings = Field(default_factory=WearableSettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)
    router: RouterSettings = Field(default_factory=RouterSettings)
    oidc: OIDCSettings = Field(default_factory=OIDCSettings)
    # Per-subgraph URL overrides for the router, e.g. PAWGRAPH_SUBGRAPH_URLS__PROFILES=http://...
    subgraph_urls: dict[str, str] = Field(default_factory=dict)

    @property
    def is_development(self) -> bool:
        return self.env is not Environment.PRODUCTION


@lru_cache
def get_settings() -> Settings:
    return Settings()
