"""Settings: pydantic-settings, prefix ``PAWGRAPH_``, nested with ``__``.

The shell composes the slices each part owns: the stores' (``persistence.settings``),
identity's (``auth.settings``), chronic_care's MQTT and wearable rules
(``subgraphs.chronic_care.settings``); the router's limit defaults come from its edge
config. Nothing below the shell imports this module: a subgraph is handed the composed
``Settings`` and reads it through ``subgraphs.shared.settings.SubgraphSettings``.

``PAWGRAPH_POSTGRES__URL``, ``PAWGRAPH_REDIS__URL``, ``PAWGRAPH_MONGO__URL`` and
``PAWGRAPH_MQTT__URL`` point at external stores; when one is unset, ``pawgraph dev`` and the test
suite start the embedded server for it
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
from supergraph.edge.config import EdgeConfig, HttpConfig, LimitsConfig, PersistedConfig
from supergraph.subscriptions.protocol import SubscriptionLimits

__all__ = ["AuthSettings", "Environment", "MongoSettings", "MqttSettings", "OIDCIssuer",
           "OIDCSettings", "PostgresSettings", "RedisSettings", "RouterSettings", "Settings",
           "WearableSettings", "get_settings"]


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class RouterSettings(BaseModel):
    """The router's edge (``PAWGRAPH_ROUTER__*``; lists as JSON). The defaults are the edge's
    own (``supergraph.edge.config``, ``supergraph.subscriptions.protocol.SubscriptionLimits``),
    defined there once; ``pawgraph.assembly.router_edge`` maps these settings back."""

    # limits (None disables one)
    max_tokens: int | None = LimitsConfig.max_tokens
    max_depth: int | None = LimitsConfig.max_depth
    max_aliases: int | None = LimitsConfig.max_aliases
    max_root_fields: int | None = LimitsConfig.max_root_fields
    max_directives: int | None = LimitsConfig.max_directives
    max_fields: int | None = LimitsConfig.max_fields
    max_overlap_comparisons: int | None = LimitsConfig.max_overlap_comparisons
    # demand control; with the default it applies when the supergraph declares @cost/@listSize
    # (ours does), set explicitly it applies to any supergraph
    max_cost: int | None = LimitsConfig.max_cost
    default_list_size: int = LimitsConfig.default_list_size
    # HTTP
    max_body_bytes: int = HttpConfig.max_body_bytes
    max_batch_size: int = HttpConfig.max_batch_size
    csrf_prevention: bool = HttpConfig.csrf_prevention
    cors_origins: list[str] = Field(default_factory=lambda: list(HttpConfig.cors_origins))
    # persisted documents: manifest (default client-queries/manifest.json), APQ in Redis
    manifest_path: Path | None = PersistedConfig.manifest_path
    trusted_document_roles: list[str] = Field(default_factory=lambda: sorted(PersistedConfig.trusted_document_roles))
    apq: bool = PersistedConfig.apq
    apq_ttl_seconds: int = PersistedConfig.apq_ttl_seconds
    # off | log | enforce (full query texts outside the manifest)
    safelist: str = PersistedConfig.safelist.value
    # outside development: introspection and field suggestions for admins only
    introspection: bool = EdgeConfig.introspection
    # live updates (graphql-transport-ws; supergraph.subscriptions.protocol.SubscriptionLimits)
    subscriptions_per_connection: int = SubscriptionLimits.max_subscriptions
    # across router instances (Redis leases)
    subscriptions_per_user: int = SubscriptionLimits.max_per_user
    # messages; a client that falls behind is closed (4429)
    subscription_send_queue: int = SubscriptionLimits.send_queue
    # no subscription this long: closed (4408)
    subscription_idle_timeout_seconds: float = SubscriptionLimits.idle_timeout
    # connection_init must arrive within
    subscription_init_timeout_seconds: float = SubscriptionLimits.init_timeout


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
