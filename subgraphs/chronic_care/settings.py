"""chronic_care's settings slices: MQTT ingestion (``PAWGRAPH_MQTT__*``) and the wearable
alert rules (``PAWGRAPH_WEARABLES__*``); ``pawgraph.settings.Settings`` composes them.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, Field

from subgraphs.shared.settings import SubgraphSettings


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
    """Wearable alert rules (``subgraphs.chronic_care.service.inactivity``),
    ``PAWGRAPH_WEARABLES__*``.

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


class ChronicCareSettings(SubgraphSettings, Protocol):
    """What chronic_care reads of the composed settings: the common part and its slices."""

    @property
    def mqtt(self) -> MqttSettings: ...

    @property
    def wearables(self) -> WearableSettings: ...
