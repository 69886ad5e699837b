"""WebSocket clients for upstream subscriptions: to an ASGI app in this process or over the
network (``websockets``). Both offer ``connect``/``send``/``recv``/``close``; ``recv`` raises
``UpstreamError`` (with the close code) once the subgraph closed the connection."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

from persistence.graphql_ws import PROTOCOL

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection


class UpstreamError(Exception):
    pass


class AsgiSocket:
    """A WebSocket client speaking ASGI directly to an app in this process."""

    def __init__(self, app: Any, path: str) -> None:
        self.app, self.path = app, path
        self.to_app: asyncio.Queue = asyncio.Queue()
        self.from_app: asyncio.Queue = asyncio.Queue()
        self.task: asyncio.Task | None = None

    async def connect(self) -> None:
        scope = {"type": "websocket", "asgi": {"version": "3.0"}, "scheme": "ws",
                 "path": self.path, "raw_path": self.path.encode(), "query_string": b"",
                 "root_path": "", "headers": [(b"host", b"inprocess")],
                 "subprotocols": [PROTOCOL], "client": ("127.0.0.1", 0),
                 "server": ("inprocess", 80), "state": {}}
        self.task = asyncio.create_task(self.app(scope, self.to_app.get, self.from_app.put))
        await self.to_app.put({"type": "websocket.connect"})
        reply = await self.from_app.get()
        if reply["type"] != "websocket.accept":
            raise UpstreamError(f"subgraph refused the WebSocket ({reply.get('code')})")

    async def send(self, text: str) -> None:
        await self.to_app.put({"type": "websocket.receive", "text": text})

    async def recv(self) -> str:
        message = await self.from_app.get()
        if message["type"] == "websocket.close":
            raise UpstreamError(f"subgraph closed the subscription ({message.get('code')})")
        return message.get("text") or message.get("bytes", b"").decode()

    async def close(self) -> None:
        await self.to_app.put({"type": "websocket.disconnect", "code": 1000})
        if self.task is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.task, 5)


class NetSocket:
    """A real WebSocket (``websockets`` library) to a subgraph process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.ws: ClientConnection | None = None

    async def connect(self) -> None:
        from websockets.asyncio.client import connect
        from websockets.typing import Subprotocol

        self.ws = await connect(self.url, subprotocols=[Subprotocol(PROTOCOL)], open_timeout=10)

    def _connected(self) -> ClientConnection:
        if self.ws is None:
            raise UpstreamError("not connected to the subgraph")
        return self.ws

    async def send(self, text: str) -> None:
        await self._connected().send(text)

    async def recv(self) -> str | bytes:
        from websockets.exceptions import ConnectionClosed

        try:
            return await self._connected().recv()
        except ConnectionClosed as exc:
            code = exc.rcvd and exc.rcvd.code
            raise UpstreamError(f"subgraph closed the subscription ({code})") from None

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


def ws_url(http_url: str) -> str:
    return "ws" + http_url[4:] if http_url.startswith("http") else http_url
