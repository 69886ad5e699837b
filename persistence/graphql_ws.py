"""The ``graphql-transport-ws`` protocol: its vocabulary, message builders, incoming messages.

One module for the three speakers of the protocol:

* the subgraphs' server (``subgraphs.shared.ws``), which the router connects to;
* the router's client-facing server (``supergraph.subscriptions.protocol``);
* the router's client towards the subgraphs (``supergraph.subscriptions.upstream``).

It lives in ``persistence`` because both ``subgraphs/`` and ``supergraph/`` may import it
(a subgraph never imports ``supergraph/``). No I/O here: sending, receiving, timeouts and
closing stay with each endpoint, and so do the close reasons they send.

The exchange (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md): the client
opens the socket with the sub-protocol ``graphql-transport-ws`` and sends
``connection_init`` (optional ``payload``); the server answers ``connection_ack``. Then the
client sends ``subscribe`` (``id``, ``payload`` = ``{query, variables, operationName,
extensions}``); the server sends ``next`` (``id``, ``payload`` = an execution result) per
event, ``error`` (``id``, ``payload`` = a list of GraphQL errors) when that one
subscription fails, ``complete`` (``id``) when it ends; ``complete`` from the client stops
it; ``ping`` is answered with ``pong`` by either side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

PROTOCOL = "graphql-transport-ws"

# message types
CONNECTION_INIT = "connection_init"
CONNECTION_ACK = "connection_ack"
PING = "ping"
PONG = "pong"
SUBSCRIBE = "subscribe"
NEXT = "next"
ERROR = "error"
COMPLETE = "complete"
_SUBSCRIPTION_EVENTS = (NEXT, ERROR, COMPLETE)

# close codes (the whole connection)
BAD_REQUEST = 4400  # not the expected message
FORBIDDEN = 4403  # the connection's token is refused or expired (the router)
SUBPROTOCOL_NOT_ACCEPTABLE = 4406
TIMEOUT = 4408  # no connection_init in time (the router also: idle for too long)
SUBSCRIBER_EXISTS = 4409  # a subscribe with an id already running
TOO_SLOW = 4429  # the router's own: a client that does not keep up with its send queue


# ---- builders -------------------------------------------------------------------------


def connection_init(payload: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": CONNECTION_INIT} if payload is None else {"type": CONNECTION_INIT, "payload": payload}


def connection_ack() -> dict[str, Any]:
    return {"type": CONNECTION_ACK}


def ping() -> dict[str, Any]:
    return {"type": PING}


def pong() -> dict[str, Any]:
    return {"type": PONG}


def subscribe(sub_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"id": sub_id, "type": SUBSCRIBE, "payload": payload}


def next_event(sub_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    """One event: ``payload`` is the result (``{data, errors?}``)."""
    return {"id": sub_id, "type": NEXT, "payload": payload}


def error(sub_id: str, errors: list[dict[str, Any]]) -> dict[str, Any]:
    """The subscription ``sub_id`` failed or was refused (the connection stays open)."""
    return {"id": sub_id, "type": ERROR, "payload": errors}


def complete(sub_id: str) -> dict[str, Any]:
    return {"id": sub_id, "type": COMPLETE}


def encode(message: dict[str, Any]) -> str:
    """Compact JSON text of a message (``{"type":"connection_ack"}``)."""
    return orjson.dumps(message).decode()


DecodeError = orjson.JSONDecodeError  # a ValueError


def decode(text: str | bytes) -> Any:
    """The JSON value of a received text frame; raise ``DecodeError`` when it is not JSON."""
    return orjson.loads(text)


def accepts(subprotocols: Any) -> bool:
    """Whether a WebSocket's offered sub-protocols include ``graphql-transport-ws``."""
    return PROTOCOL in (subprotocols or ())


# ---- incoming messages (already decoded from JSON) --------------------------------------


@dataclass(frozen=True)
class Message:
    type: str
    id: str | None = None
    payload: Any = None


def is_type(message: Any, kind: str) -> bool:
    """``message`` is a JSON object of type ``kind`` (e.g. the expected ``connection_init``)."""
    return isinstance(message, dict) and message.get("type") == kind


def connection_init_payload(message: Any) -> tuple[bool, Any]:
    """(whether ``message`` is a ``connection_init``, its payload)."""
    if not is_type(message, CONNECTION_INIT):
        return False, None
    return True, message.get("payload")


def client_message(message: Any) -> Message | None:
    """A message a server accepts after ``connection_ack``; None when it is invalid (the
    server closes with 4400). ``subscribe`` needs a string ``id`` (its payload defaults to
    ``{}``); ``complete`` names the subscription to stop (its id as a string)."""
    kind = message.get("type") if isinstance(message, dict) else None
    if kind in (PING, PONG):
        return Message(kind)
    if kind == SUBSCRIBE and isinstance(message.get("id"), str):
        return Message(SUBSCRIBE, message["id"], message.get("payload") or {})
    if kind == COMPLETE:
        return Message(COMPLETE, str(message.get("id")))
    return None


def server_message(message: Any) -> Message | None:
    """A message a client acts on: ``ping``, or ``next`` / ``error`` / ``complete`` with the
    id of its subscription; None for anything else (``pong``, unknown types: ignored).
    Raise ``ValueError`` when ``message`` is not a JSON object (a broken connection)."""
    if not isinstance(message, dict):
        raise ValueError("graphql-transport-ws message is not a JSON object")
    kind = message.get("type")
    if kind == PING:
        return Message(PING)
    if kind in _SUBSCRIPTION_EVENTS and message.get("id") is not None:
        return Message(kind, str(message["id"]), message.get("payload"))
    return None
