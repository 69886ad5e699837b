"""Call a subgraph's ASGI app directly, without a socket (``pawgraph dev`` and tests).

The caller owns the app's lifespan (start it before the first fetch). Lifespan state,
if the app uses it, can be passed as ``state`` so request handlers see it as Starlette
would.
"""

from __future__ import annotations

import asyncio
from typing import Any, Mapping

from supergraph.transport.base import SubgraphTransportError, looks_like_graphql_response


class InProcessTransport:
    def __init__(self, name: str, asgi_app: Any, path: str = "/graphql", *, state: dict | None = None) -> None:
        self.name = name
        self.app = asgi_app
        self.path = path
        self.state = state
        self.request_count = 0

    def _scope(self, headers: Mapping[str, str], body: bytes) -> dict[str, Any]:
        raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        raw_headers.append((b"content-length", str(len(body)).encode()))
        raw_headers.append((b"host", b"inprocess"))
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": self.path,
            "raw_path": self.path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": raw_headers,
            "client": ("127.0.0.1", 0),
            "server": ("inprocess", 80),
        }
        if self.state is not None:
            scope["state"] = dict(self.state)
        return scope

    async def fetch(self, body: bytes, headers: Mapping[str, str]) -> bytes:
        self.request_count += 1
        sent = False
        done = asyncio.Event()
        status = 500
        content_type = ""
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status, content_type
            if message["type"] == "http.response.start":
                status = message["status"]
                for key, value in message.get("headers", ()):
                    if key.lower() == b"content-type":
                        content_type = value.decode("latin-1")
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    done.set()

        try:
            await self.app(self._scope(headers, body), receive, send)
        except Exception as exc:  # the subgraph app crashed
            raise SubgraphTransportError(self.name, "subgraph application error") from exc
        finally:
            done.set()
        payload = b"".join(chunks)
        if not looks_like_graphql_response(status, payload, content_type):
            raise SubgraphTransportError(self.name, f"HTTP status {status}", status)
        return payload

    async def aclose(self) -> None:
        return None
