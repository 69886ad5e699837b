"""Wearable telemetry over MQTT: the chronic_care process's consumer.

Topic per collar: ``<prefix>/<deviceId>/telemetry`` (prefix ``PAWGRAPH_MQTT__TOPIC_PREFIX``,
default ``pawgraph/wearables``; ``deviceId`` = the Device's UUID), published with QoS 1.
Payload: one JSON object per sample::

    {"heartRate": 92, "temperatureC": 38.6, "steps": 14, "activity": 0.4,
     "lat": 48.1374, "lon": 11.5755, "at": "2026-12-02T05:14:00Z"}

``heartRate`` (0..400 bpm) and ``temperatureC`` (20..46) are required; ``steps`` (0..32767),
``activity`` (0..1), the GPS fix ``lat``/``lon`` (together) and ``at`` (ISO 8601 with a time
zone; default: arrival time) are optional. Unknown keys are ignored.

Each message is stored through the same service code as ``telemetryIngest``
(``service.telemetry.record``: sample, FEVER/TACHYCARDIA/ESCAPE/INACTIVITY alerts,
``petAlertRaised`` after commit) in its own transaction, one message at a time (so a pet's
fixes are judged in order).

Delivery: a persistent session (fixed client id, ``clean_session=False``) subscribed with
QoS 1, and each message acknowledged only once it is handled: messages published while this
process is down or reconnecting are delivered when it is back. A message that cannot be used
(bad topic, not JSON, missing/out-of-range values, unknown device) is logged, counted in
``stats`` and acknowledged (dropped) - it would fail the same way again. A store failure
(database unreachable) is retried with exponential backoff (``reconnect_min_seconds``
doubling to ``reconnect_max_seconds``) and the message stays unacknowledged until it is
stored; later messages wait behind it. A lost broker connection is re-established with the
same backoff. If this process stops before acknowledging, the broker sends the message again
(Mosquitto; the embedded amqtt 0.12 keeps only messages queued while the subscriber is away,
not ones in flight). Redelivery may repeat a sample (stored idempotently per pet and minute)
and, rarely, a fever/tachycardia alert; an escape is not repeated (the fence remembers).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import uuid
from collections import Counter
from datetime import datetime
from typing import Any

import orjson

from persistence import mqtt
from persistence.tasks import start_task, stop_task
from subgraphs.chronic_care.service.telemetry import Sample, record, sample_problems
from subgraphs.chronic_care.settings import MqttSettings, WearableSettings
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.events import Publisher

log = logging.getLogger(__name__)
REQUIRED = ("heartRate", "temperatureC")
FIELDS = {"heartRate": ("heart_rate", int), "temperatureC": ("temperature_c", float),
          "steps": ("steps", int), "activity": ("activity", float), "lat": ("lat", float),
          "lon": ("lon", float)}


class Invalid(ValueError):
    """A message that can never be stored (dropped and counted, never retried)."""


class StoreUnavailable(RuntimeError):
    """The database did not take the sample (retried; the message stays unacknowledged)."""


def device_of(topic: str, prefix: str) -> str:
    head, _, rest = topic.partition(prefix.rstrip("/") + "/")
    device, _, tail = rest.partition("/")
    if head or tail != "telemetry":
        raise Invalid(f"unexpected topic {topic!r}")
    try:
        return str(uuid.UUID(device))
    except ValueError:
        raise Invalid(f"device id in topic is not a UUID: {device!r}") from None


def _number(key: str, value: Any, kind: type) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Invalid(f"{key} must be a number")
    if kind is int and not (isinstance(value, int) or float(value).is_integer()):
        raise Invalid(f"{key} must be a whole number")
    if not math.isfinite(value):
        raise Invalid(f"{key} must be finite")
    return kind(value)


def _timestamp(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def parse(topic: str, payload: bytes, prefix: str,
          rules: WearableSettings | None = None) -> Sample:
    """The sample of one message, or ``Invalid`` saying why not."""
    device = device_of(topic, prefix)
    try:
        body = orjson.loads(payload)
    except orjson.JSONDecodeError:
        raise Invalid("payload is not JSON") from None
    if not isinstance(body, dict):
        raise Invalid("payload must be a JSON object")
    missing = [k for k in REQUIRED if body.get(k) is None]
    if missing:
        raise Invalid(f"missing {', '.join(missing)}")
    # Any: each value has its own field's kind (FIELDS), which one dict type cannot say.
    values: dict[str, Any] = {name: _number(key, body[key], kind)
                              for key, (name, kind) in FIELDS.items() if body.get(key) is not None}
    at = _timestamp(body.get("at"))
    if body.get("at") is not None and at is None:
        raise Invalid("at must be an ISO 8601 timestamp")
    sample = Sample(device_id=device, at=at, **values)
    problems = sample_problems(sample, rules)
    if problems:
        raise Invalid("; ".join(message for _field, message in problems))
    return sample


class TelemetryConsumer:
    """Subscribes ``<prefix>/+/telemetry`` and stores every sample; see the module docstring.

    ``stats`` counts ``received``, ``stored``, ``alerts``, ``dropped_invalid``,
    ``dropped_unknown_device``, ``store_failures``, ``consumer_errors`` and ``connections``.
    """

    def __init__(self, settings: MqttSettings, engine: Any, publisher: Publisher | None = None,
                 rules: WearableSettings | None = None) -> None:
        if not settings.url:
            raise ValueError("MQTT ingestion needs PAWGRAPH_MQTT__URL")
        self.settings, self.engine, self.publisher = settings, engine, publisher
        self.rules = rules or WearableSettings()
        self.topic = f"{settings.topic_prefix.rstrip('/')}/+/telemetry"
        self.stats: Counter[str] = Counter()
        self.subscribed = asyncio.Event()
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = start_task(self._task, self._run, "chronic_care-mqtt-ingest")

    async def stop(self) -> None:
        if await stop_task(self._task):  # else kept: start() refuses to run a second one
            self._task = None
        self.subscribed.clear()

    async def _run(self) -> None:
        import aiomqtt

        url = self.settings.url
        assert url is not None  # __init__ refuses settings without a URL
        delay = self.settings.reconnect_min_seconds
        while True:
            try:
                async with mqtt.consumer_client(url, self.settings.client_id) as client:
                    await client.subscribe(self.topic, qos=1)
                    self.stats["connections"] += 1
                    self.subscribed.set()
                    delay = self.settings.reconnect_min_seconds
                    async for message in client.messages:
                        await self.handle(message)
                        mqtt.ack(client, message)
            except (aiomqtt.MqttError, OSError) as exc:
                self.subscribed.clear()
                log.warning("MQTT ingestion interrupted (%s); reconnecting in %.1fs", exc, delay)
            except Exception:  # a bug or an unexpected store error: never end ingestion
                self.subscribed.clear()  # the message stays unacknowledged: sent again
                self.stats["consumer_errors"] += 1
                log.exception("MQTT ingestion failed; reconnecting in %.1fs", delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.settings.reconnect_max_seconds)

    async def handle(self, message: Any) -> None:
        """Store one message (retrying while the database is away); returns when it may be
        acknowledged."""
        self.stats["received"] += 1
        try:
            sample = parse(str(message.topic), bytes(message.payload or b""),
                           self.settings.topic_prefix, self.rules)
            alerts = await self._store_retrying(sample)
        except Invalid as exc:
            self.stats["dropped_invalid"] += 1
            log.warning("telemetry dropped (%s): %s", message.topic, exc)
            return
        if alerts is None:
            self.stats["dropped_unknown_device"] += 1
            log.warning("telemetry dropped: unknown device %s", sample.device_id)
            return
        self.stats["stored"] += 1
        self.stats["alerts"] += len(alerts)

    async def _store_retrying(self, sample: Sample):
        delay = self.settings.reconnect_min_seconds
        while True:
            try:
                return await self._store(sample)
            except StoreUnavailable as exc:
                log.warning("telemetry not stored yet (%s); retrying in %.1fs", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.settings.reconnect_max_seconds)

    async def _store(self, sample: Sample):
        from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

        uow = UnitOfWork(self.engine)
        alerts, committed = None, False
        try:
            alerts = await record(uow, sample, self.publisher, self.rules)
            await uow.finish(commit=alerts is not None)
            committed = True
        except (DataError, IntegrityError) as exc:  # this message can never be stored
            raise Invalid(f"the database refused the values: {exc.orig}") from None
        except (DBAPIError, OSError) as exc:
            self.stats["store_failures"] += 1
            raise StoreUnavailable(str(exc)) from None
        finally:
            if not committed:
                with contextlib.suppress(Exception):
                    await uow.finish(commit=False)
        return alerts
