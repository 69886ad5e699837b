"""Resolve store URLs: configured ones are used as they are, missing ones start embedded.

Used by `pawgraph dev` (database ``pawgraph`` on the embedded server) and by the test suite
(a fresh database per test session on whichever server is configured).
"""

from __future__ import annotations

from pathlib import Path

from pawgraph.settings import Settings
from persistence.embedded import EmbeddedStores


def start_missing(settings: Settings, data_dir: Path) -> tuple[dict[str, str], EmbeddedStores]:
    """Server URLs for postgres/mongo/redis/mqtt; embedded servers started for unset ones.

    The postgres URL is a server URL (its database part is replaced by callers).
    """
    embedded = EmbeddedStores(data_dir)
    try:
        urls = {
            "postgres": settings.postgres.url or embedded.start_postgres(),
            "mongo": settings.mongo.url or embedded.start_mongo(),
            "redis": settings.redis.url or embedded.start_redis(),
            "mqtt": settings.mqtt.url or embedded.start_mqtt(),
        }
    except BaseException:
        embedded.stop()  # never leave a half-started set of servers behind
        raise
    return urls, embedded


def with_urls(settings: Settings, *, postgres: str, mongo: str, redis: str,
              mongo_database: str | None = None, redis_prefix: str | None = None,
              mqtt: str | None = None, mqtt_namespace: str | None = None) -> Settings:
    """``mqtt_namespace``: a per-run topic prefix and client id (test sessions sharing a broker)."""
    updates = {"url": mqtt or settings.mqtt.url}
    if mqtt_namespace:
        updates.update(topic_prefix=f"{mqtt_namespace}/wearables",
                       client_id=f"{settings.mqtt.client_id}-{mqtt_namespace}")
    return settings.model_copy(update={
        "mqtt": settings.mqtt.model_copy(update=updates),
        "postgres": settings.postgres.model_copy(update={"url": postgres}),
        "mongo": settings.mongo.model_copy(update={
            "url": mongo, "database": mongo_database or settings.mongo.database}),
        "redis": settings.redis.model_copy(update={
            "url": redis, "key_prefix": redis_prefix or settings.redis.key_prefix}),
    })
