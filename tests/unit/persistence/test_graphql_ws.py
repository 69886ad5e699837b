"""persistence.graphql_ws: what the three graphql-transport-ws speakers send and accept."""

import pytest

from persistence import graphql_ws


def test_builders_encode_compact_messages():
    assert graphql_ws.encode(graphql_ws.connection_init()) == '{"type":"connection_init"}'
    assert graphql_ws.encode(graphql_ws.connection_ack()) == '{"type":"connection_ack"}'
    assert graphql_ws.next_event("1", {"data": {}}) == {"id": "1", "type": "next", "payload": {"data": {}}}
    assert graphql_ws.error("2", []) == {"id": "2", "type": "error", "payload": []}
    assert graphql_ws.complete("3") == {"id": "3", "type": "complete"}


@pytest.mark.parametrize("raw, expected", [
    ({"type": "ping"}, graphql_ws.Message("ping")),
    ({"type": "pong"}, graphql_ws.Message("pong")),
    ({"type": "subscribe", "id": "a"}, graphql_ws.Message("subscribe", "a", {})),
    ({"type": "complete", "id": 7}, graphql_ws.Message("complete", "7")),
    ({"type": "subscribe", "id": 7}, None),
    ({"type": "next", "id": "a"}, None),
    (["ping"], None),
])
def test_client_messages_a_server_accepts(raw, expected):
    assert graphql_ws.client_message(raw) == expected


def test_server_messages_a_client_acts_on():
    assert graphql_ws.server_message({"type": "next", "id": 1, "payload": {"data": None}}) == \
        graphql_ws.Message("next", "1", {"data": None})
    assert graphql_ws.server_message({"type": "pong"}) is None
    assert graphql_ws.server_message({"type": "complete"}) is None
    with pytest.raises(ValueError):
        graphql_ws.server_message("not an object")


def test_connection_init_and_subprotocol():
    assert graphql_ws.connection_init_payload({"type": "connection_init", "payload": {"token": "t"}}) == \
        (True, {"token": "t"})
    assert graphql_ws.connection_init_payload({"type": "subscribe"}) == (False, None)
    assert graphql_ws.accepts(["graphql-transport-ws"]) and not graphql_ws.accepts(None)
