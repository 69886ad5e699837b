"""MQTT client side (``aiomqtt`` over paho-mqtt, MQTT 3.1.1): URLs and client construction.

URL form: ``mqtt://[user[:password]@]host[:port]`` (``mqtts://`` for TLS, default ports 1883 /
8883). Without a user in the URL the client id is sent as the username: brokers such as the
embedded amqtt one queue messages for persistent sessions only of named (non-anonymous)
clients.

``consumer_client`` builds a subscriber with a persistent session (``clean_session=False``,
a fixed client id) and manual acknowledgement: the caller acknowledges each QoS 1 message
with ``ack(client, message)`` only after it has been handled (committed), so a message that
was received but not handled is sent again by the broker after the reconnect (Mosquitto does
this; amqtt 0.12 only keeps messages queued while the subscriber is away, not ones in flight).
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    import aiomqtt


@dataclass(frozen=True)
class MqttTarget:
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    tls: bool = False


def parse_url(url: str) -> MqttTarget:
    parts = urlsplit(url)
    if parts.scheme not in ("mqtt", "mqtts", "tcp") or not parts.hostname:
        raise ValueError(f"not an MQTT URL (mqtt://host:port): {url!r}")
    tls = parts.scheme == "mqtts"
    return MqttTarget(host=parts.hostname, port=parts.port or (8883 if tls else 1883),
                      username=unquote(parts.username) if parts.username else None,
                      password=unquote(parts.password) if parts.password else None, tls=tls)


def client(url: str, identifier: str, *, persistent: bool = False, manual_ack: bool = False,
           keepalive: int = 30) -> aiomqtt.Client:
    """An ``aiomqtt.Client`` (not connected: use ``async with``)."""
    import aiomqtt

    target = parse_url(url)
    made = aiomqtt.Client(
        target.host, target.port, identifier=identifier,
        username=target.username or identifier, password=target.password,
        clean_session=False if persistent else True, keepalive=keepalive,
        protocol=aiomqtt.ProtocolVersion.V311,
        tls_context=ssl.create_default_context() if target.tls else None)
    if manual_ack:
        # Before connecting: the broker may push queued messages right after CONNACK.
        made._client.manual_ack_set(True)
    return made


def consumer_client(url: str, identifier: str, keepalive: int = 30) -> aiomqtt.Client:
    return client(url, identifier, persistent=True, manual_ack=True, keepalive=keepalive)


def ack(mqtt_client: aiomqtt.Client, message: aiomqtt.Message) -> None:
    """Acknowledge (PUBACK) one QoS 1 message of a ``consumer_client``."""
    if message.qos > 0:
        mqtt_client._client.ack(message.mid, message.qos)
