"""Wiring for router tests over the fixture subgraphs: identity hooks, instrumented in-process
transports, all fixture subgraphs behind one ASGI app (served by ``tests.support.servers``)."""

import asyncio
from dataclasses import dataclass, field
from typing import Any, Mapping

from starlette.applications import Starlette
from starlette.routing import Mount

from supergraph.errors import ErrorCode, GraphQLRequestError
from supergraph.transport import InProcessTransport, SubgraphTransportError
from tests.support.router_fixtures.apps import build_apps
from tests.support.router_fixtures.store import Store


@dataclass
class IdentityRecorder:
    """Test doubles for the auth hooks: token ``user-<id>`` -> principal ``<id>``."""

    calls: list[tuple[str, bytes, Any]] = field(default_factory=list)

    def authenticate(self, headers: Mapping[str, str]) -> Any:
        token = headers.get("authorization", "")
        if not token:
            return "anonymous"
        if not token.startswith("Bearer user-"):
            raise GraphQLRequestError(ErrorCode.UNAUTHENTICATED, "Invalid token.")
        return token.removeprefix("Bearer user-")

    def identity_headers(self, subgraph: str, body: bytes, principal: Any) -> Mapping[str, str]:
        self.calls.append((subgraph, body, principal))
        return {"x-router-identity": f"{subgraph}:{principal}:{len(body)}"}


class InstrumentedTransport:
    """Wraps a transport: tracks concurrency, can fail or delay on demand."""

    def __init__(self, inner: Any, *, delay: float = 0.0) -> None:
        self.inner = inner
        self.name = inner.name
        self.delay = delay
        self.fail = False
        self.in_flight = 0
        self.max_in_flight = 0
        self.shared: dict[str, int] | None = None

    @property
    def request_count(self) -> int:
        return self.inner.request_count

    async def fetch(self, body: bytes, headers: Mapping[str, str]) -> bytes:
        if self.fail:
            raise SubgraphTransportError(self.name, "connection failed")
        self._enter()
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            return await self.inner.fetch(body, headers)
        finally:
            self._leave()

    def _enter(self) -> None:
        self.in_flight += 1
        if self.shared is not None:
            self.shared["now"] += 1
            self.shared["max"] = max(self.shared["max"], self.shared["now"])

    def _leave(self) -> None:
        self.in_flight -= 1
        if self.shared is not None:
            self.shared["now"] -= 1


def inprocess_transports(store: Store, *, delay: float = 0.0) -> dict[str, InstrumentedTransport]:
    shared = {"now": 0, "max": 0}
    transports = {}
    for name, app in build_apps(store).items():
        transport = InstrumentedTransport(InProcessTransport(name, app), delay=delay)
        transport.shared = shared
        transports[name] = transport
    return transports


def subgraphs_server_app(store: Store) -> Starlette:
    """All fixture subgraphs behind one server: ``/<name>/graphql``."""
    return Starlette(routes=[Mount(f"/{name}", app) for name, app in build_apps(store).items()])
