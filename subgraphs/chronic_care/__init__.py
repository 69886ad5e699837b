"""chronic_care subgraph (PostgreSQL + MQTT): wearable devices and their telemetry, care
plans, geofences; extends ``Pet`` with ``devices``, ``carePlans``, ``wearableStats`` and
``geofence``. Collars publish samples over MQTT (``ingest``: consumed in this subgraph's
process when ``PAWGRAPH_MQTT__URL`` is set and ``PAWGRAPH_MQTT__INGEST`` is true; the internal
``telemetryIngest`` mutation takes the same path). Alerts (fever, tachycardia, escape from
the ``geofenceSet`` safe zone, inactivity - also raised between samples by the ``sweep``
task of every chronic_care process) are streamed live by ``petAlertRaised`` over Redis events.

Layout (the subgraph package contract): ``types``/``inputs``/``payloads``/``queries``/
``mutations``/``subscriptions`` (GraphQL; ``context`` types the DataLoaders of
``loaders.chronic_care``) -> ``service`` (rules: telemetry, alerts, geofence, inactivity,
stats) -> ``repository`` (every statement, one module per entity) -> ``models``/``migrations``;
workers ``ingest`` (MQTT consumer) and ``sweep``; ``settings`` (its configuration slices);
``errors`` (``ChronicCareErrorCode``). Declares ``NAME``, ``build_schema(dev)``,
``definition(settings, loaders)``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from subgraphs.chronic_care.settings import ChronicCareSettings
from subgraphs.shared.app import SubgraphDefinition

NAME = "chronic_care"


def build_schema(dev: bool = True):
    from subgraphs.chronic_care.mutations import Mutation
    from subgraphs.chronic_care.queries import Query
    from subgraphs.chronic_care.subscriptions import Subscription
    from subgraphs.chronic_care.types import Alert, CarePlan, Device, Geofence, Pet
    from subgraphs.shared.schema import build_schema as build

    return build(Query, mutation=Mutation, subscription=Subscription,
                 types=[Device, CarePlan, Pet, Alert, Geofence], dev=dev)


def definition(settings: ChronicCareSettings, loaders):
    from subgraphs.shared.resources import sql_lifespan

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              _lifespan(settings, sql_lifespan(settings, use_redis=True)),
                              loaders)


def _lifespan(settings: ChronicCareSettings, stores):
    """The SQL/Redis lifespan plus the MQTT telemetry consumer (``app.state.telemetry``,
    None when ingestion is off in this process) and the inactivity sweep
    (``app.state.inactivity_sweep``; idle when ``PAWGRAPH_WEARABLES__SWEEP_SECONDS`` is 0)."""

    @asynccontextmanager
    async def lifespan(app) -> AsyncIterator[None]:
        from subgraphs.chronic_care.ingest import TelemetryConsumer
        from subgraphs.chronic_care.sweep import InactivitySweep
        from subgraphs.shared.events import redis_publisher

        async with stores(app):
            publisher = redis_publisher(app.state.redis, app.state.redis_prefix)
            app.state.wearable_rules = settings.wearables
            consumer = None
            if settings.mqtt.url and settings.mqtt.ingest:
                consumer = TelemetryConsumer(settings.mqtt, app.state.engine, publisher,
                                             settings.wearables)
                consumer.start()
            app.state.telemetry = consumer
            app.state.inactivity_sweep = InactivitySweep(app.state.engine, settings.wearables,
                                                         publisher)
            app.state.inactivity_sweep.start()
            try:
                yield
            finally:
                await app.state.inactivity_sweep.stop()
                if consumer is not None:
                    await consumer.stop()

    return lifespan
