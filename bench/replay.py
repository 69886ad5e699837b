"""Replay stand-ins for the seven subgraphs: ``python -m bench.replay --port P --upstream JSON``.

One process serves ``/<subgraph>/graphql`` for every subgraph. In ``record`` mode it forwards
each request to the real subgraph (headers included, so the router identity token is checked
as usual) and keeps the response; in ``replay`` mode it answers from the recordings only, so a
router's measured cost is the router's alone. A recording is keyed by (subgraph, query,
variables, user) - the user is the ``sub`` of the router identity token, read without
verification: the stand-ins are not a security boundary. Control: ``POST /_bench/mode``
(body ``record`` or ``replay``), ``GET /_bench/counters``.

``first-time-planning`` puts a never-seen root alias ``plan_<salt>_<n>: __typename`` into each
document; a router may forward it to the subgraph it sends the root field to. Such aliases are
left out of the key and answered as that subgraph would (``"Query"``), so every router replays
the recorded answer of the same document without the alias.

The HTTP/1.1 server is a small asyncio protocol (keep-alive, Content-Length bodies) so the
stand-ins stay cheap next to the load generator on the shared core.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import re
from collections import Counter
from typing import TYPE_CHECKING

import orjson

if TYPE_CHECKING:
    import aiohttp

_PLAN_ALIAS = re.compile(r"\bplan_[0-9a-f]{12}_\d+(?=\s*:\s*__typename\b)")
_PLAN_SELECTION = re.compile(r"\s*\bplan_[0-9a-f]{12}_\d+\s*:\s*__typename\b")
_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|[A-Za-z_][A-Za-z0-9_]*|-?\d[\d.eE+-]*|\S')
STATUS = {200: b"OK", 400: b"Bad Request", 404: b"Not Found", 502: b"Bad Gateway"}


class Recorder:
    def __init__(self, upstream: dict[str, str]) -> None:
        self.upstream = upstream
        self.mode = "record"
        self.recordings: dict[tuple, bytes] = {}
        self.requests: Counter[str] = Counter()
        self.misses = 0
        self._session: aiohttp.ClientSession | None = None

    @staticmethod
    def key(subgraph: str, body: bytes, identity: str | None) -> tuple:
        params = orjson.loads(body)
        variables = orjson.dumps(params.get("variables") or {}, option=orjson.OPT_SORT_KEYS)
        query = params.get("query")
        if isinstance(query, str) and "plan_" in query:  # the same document without the alias
            query = " ".join(_TOKEN.findall(_PLAN_SELECTION.sub(" ", query)))
            return subgraph, query, variables, _subject(identity), "plan"
        return subgraph, query, variables, _subject(identity)

    @staticmethod
    def with_plan_aliases(body: bytes, recorded: bytes) -> bytes:
        """The recorded answer plus the request's root ``plan_*: __typename`` aliases."""
        query = orjson.loads(body).get("query") or ""
        aliases = _PLAN_ALIAS.findall(query) if "plan_" in query else []
        if not aliases:
            return recorded
        answer = orjson.loads(recorded)
        if isinstance(answer.get("data"), dict):
            answer["data"].update({alias: "Query" for alias in aliases})
        return orjson.dumps(answer)

    async def answer(self, subgraph: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        self.requests[subgraph] += 1
        try:
            key = self.key(subgraph, body, headers.get("pawgraph-identity"))
        except (orjson.JSONDecodeError, AttributeError):
            return 400, b'{"errors":[{"message":"bad request body"}]}'
        if self.mode == "replay":
            recorded = self.recordings.get(key)
            if recorded is None:
                self.misses += 1
                return 502, b'{"errors":[{"message":"no recording for this request"}]}'
            return 200, self.with_plan_aliases(body, recorded)
        return await self._forward(subgraph, key, body, headers)

    async def _forward(self, subgraph: str, key: tuple, body: bytes,
                       headers: dict[str, str]) -> tuple[int, bytes]:
        import aiohttp

        if self._session is None:
            self._session = aiohttp.ClientSession()
        sent = {k: v for k, v in headers.items() if k in ("content-type", "pawgraph-identity",
                                                          "accept")}
        async with self._session.post(self.upstream[subgraph], data=body, headers=sent) as resp:
            data = await resp.read()
            if resp.status == 200:  # the first answer wins: every router replays the same one
                self.recordings.setdefault(key, data)
                query = orjson.loads(body).get("query")
                if isinstance(query, str) and len(key) == 4:  # also by tokens, for plan aliases
                    self.recordings.setdefault((*key[:1], " ".join(_TOKEN.findall(query)),
                                                *key[2:], "plan"), data)
            return resp.status, data

    def control(self, path: str, body: bytes) -> tuple[int, bytes]:
        if path == "/_bench/mode" and body.strip() in (b"record", b"replay"):
            self.mode = body.strip().decode()
            return 200, orjson.dumps({"mode": self.mode})
        if path == "/_bench/counters":
            return 200, orjson.dumps({"requests": dict(self.requests), "misses": self.misses,
                                      "recordings": len(self.recordings), "mode": self.mode})
        return 404, b"{}"


def _subject(identity: str | None) -> str | None:
    if not identity or identity.count(".") != 2:
        return None
    payload = identity.split(".")[1]
    claims = orjson.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return claims.get("sub")


class HttpProtocol(asyncio.Protocol):
    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self.buffer = b""
        self.transport = None
        self.busy = False

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.busy:
            self._next()

    def _next(self) -> None:
        head_end = self.buffer.find(b"\r\n\r\n")
        if head_end < 0:
            return
        lines = self.buffer[:head_end].decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        if len(self.buffer) < head_end + 4 + length:
            return
        body = self.buffer[head_end + 4:head_end + 4 + length]
        self.buffer = self.buffer[head_end + 4 + length:]
        self.busy = True
        asyncio.ensure_future(self._handle(method, path, headers, body))

    async def _handle(self, method: str, path: str, headers: dict, body: bytes) -> None:
        if path.startswith("/_bench/"):
            status, payload = self.recorder.control(path, body)
        elif method == "POST" and path.endswith("/graphql"):
            status, payload = await self.recorder.answer(path.strip("/").split("/")[0], body,
                                                         headers)
        else:
            status, payload = 404, b"{}"
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\n"
                                 b"content-length: %d\r\n\r\n" % (status, STATUS.get(status, b"X"),
                                                                  len(payload)) + payload)
        self.busy = False
        if self.buffer:
            self._next()

    def connection_lost(self, exc) -> None:
        self.transport = None


async def serve(port: int, upstream: dict[str, str]) -> None:
    recorder = Recorder(upstream)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: HttpProtocol(recorder), "127.0.0.1", port,
                                      backlog=1024)
    print(f"replay stand-ins on 127.0.0.1:{port}", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.replay")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream", required=True, help="JSON {subgraph: real URL}")
    args = parser.parse_args()
    try:
        asyncio.run(serve(args.port, json.loads(args.upstream)))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
