"""The router -> subgraph transport contract."""

from __future__ import annotations

from typing import Mapping, Protocol, runtime_checkable


@runtime_checkable
class SubgraphTransport(Protocol):
    """Sends one GraphQL-over-HTTP request body to a subgraph.

    ``fetch`` returns the subgraph's JSON response body; it raises
    :class:`SubgraphTransportError` when no GraphQL response came back (connection
    failure, timeout, a non-JSON or non-2xx answer without a GraphQL body).
    """

    name: str
    request_count: int

    async def fetch(self, body: bytes, headers: Mapping[str, str]) -> bytes: ...


class SubgraphTransportError(Exception):
    def __init__(self, subgraph: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{subgraph}: {reason}")
        self.subgraph = subgraph
        self.reason = reason
        self.status = status


def looks_like_graphql_response(status: int, body: bytes, content_type: str) -> bool:
    """Accept 2xx, and non-2xx answers that still carry a GraphQL JSON body."""
    if 200 <= status < 300:
        return True
    return "json" in content_type and body.lstrip()[:1] == b"{"


def is_query_body(body: bytes) -> bool:
    """True when a router-built body holds a query (so it is safe to retry).

    The router serializes ``{"query": "<operation text>", ...}`` with the operation
    keyword first; anything else is treated as non-idempotent.
    """
    head = body[:64]
    return head.startswith(b'{"query":"query') or head.startswith(b'{"query":"{')
