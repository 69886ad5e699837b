"""Settings: pydantic-settings, prefix ``PAWGRAPH_``, nested with ``__``.

The shell composes the slices each part owns: the stores' (``persistence.settings``),
identity's (``auth.settings``), chronic_care's MQTT and wearable rules
(``subgraphs.chronic_care.settings``); the router's limit defaults come from its edge
config. Nothing below the shell imports this module: a subgraph is handed the composed
``Settings`` and reads it through ``subgraphs.shared.settings.SubgraphSettings``.

``PAWGRAPH_POSTGRES__URL``, ``PAWGRAPH_REDIS__URL``, ``PAWGRAPH_MONGO__URL`` and
``PAWGRAPH_MQTT__URL`` point at external stores; when one is unset, ``pawgraph dev`` and the test suite start the embedded server for it
(``persistence.embedded``). Secrets are ``SecretStr``; outside development, keys must be given
(``PAWGRAPH_AUTH__*_PRIVATE_KEY``) and the development key files are refused.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from auth.settings import AuthSettings, OIDCIssuer, OIDCSettings
from persistence.settings import MongoSettings, PostgresSettings, RedisSettings
from subgraphs.chronic_care.settings import MqttSettings, WearableSettings

__all__ = ["AuthSettings", "Environment", "MongoSettings", "MqttSettings", "OIDCIssuer",
           "OIDCSettings", "PostgresSettings", "RedisSettings", "RouterSettings", "Settings",
           "WearableSettings", "get_settings"]


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class RouterSettings(BaseModel):
    """The router's edge (``PAWGRAPH_ROUTER__*``; lists as JSON). See ``supergraph.edge.config``."""

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
