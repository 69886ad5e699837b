"""``RouterSettings`` (``PAWGRAPH_ROUTER__*``) defaults are the edge's own: one definition."""

from pawgraph.settings import RouterSettings
from supergraph.edge.config import EdgeConfig, HttpConfig, LimitsConfig, PersistedConfig, SafelistMode
from supergraph.subscriptions.protocol import SubscriptionLimits

# RouterSettings field -> (edge default, how the setting reads as that default)
EDGE = EdgeConfig()
LIMITS, HTTP, PERSISTED, LIVE = LimitsConfig(), HttpConfig(), PersistedConfig(), SubscriptionLimits()
COUNTERPARTS = {
    "max_tokens": (LIMITS.max_tokens, None),
    "max_depth": (LIMITS.max_depth, None),
    "max_aliases": (LIMITS.max_aliases, None),
    "max_root_fields": (LIMITS.max_root_fields, None),
    "max_directives": (LIMITS.max_directives, None),
    "max_fields": (LIMITS.max_fields, None),
    "max_overlap_comparisons": (LIMITS.max_overlap_comparisons, None),
    "max_cost": (LIMITS.max_cost, None),
    "default_list_size": (LIMITS.default_list_size, None),
    "max_body_bytes": (HTTP.max_body_bytes, None),
    "max_batch_size": (HTTP.max_batch_size, None),
    "csrf_prevention": (HTTP.csrf_prevention, None),
    "cors_origins": (HTTP.cors_origins, tuple),
    "manifest_path": (PERSISTED.manifest_path, None),
    "trusted_document_roles": (PERSISTED.trusted_document_roles, frozenset),
    "apq": (PERSISTED.apq, None),
    "apq_ttl_seconds": (PERSISTED.apq_ttl_seconds, None),
    "safelist": (PERSISTED.safelist, SafelistMode),
    "introspection": (EDGE.introspection, None),
    "subscriptions_per_connection": (LIVE.max_subscriptions, None),
    "subscriptions_per_user": (LIVE.max_per_user, None),
    "subscription_send_queue": (LIVE.send_queue, None),
    "subscription_idle_timeout_seconds": (LIVE.idle_timeout, None),
    "subscription_init_timeout_seconds": (LIVE.init_timeout, None),
}


def test_every_router_setting_has_an_edge_counterpart():
    assert set(RouterSettings.model_fields) == set(COUNTERPARTS)


def test_every_router_setting_default_equals_the_edge_default():
    settings = RouterSettings()
    for name, (default, convert) in COUNTERPARTS.items():
        value = getattr(settings, name)
        assert (convert(value) if convert else value) == default, name
        assert type(convert(value) if convert else value) is type(default), name
