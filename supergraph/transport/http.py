"""Router -> subgraph over HTTP with one pooled keep-alive aiohttp session.

The session is created lazily inside the running event loop (never at import or
construction time) and closed by ``aclose()`` on router shutdown. Only queries are
retried (connection errors, timeouts, 502/503/504); mutations are sent once.
"""

from __future__ import annotations

import asyncio
from typing import Mapping

import aiohttp

from supergraph.transport.base import (
    SubgraphTransportError,
    is_query_body,
    looks_like_graphql_response,
)

_RETRY_STATUSES = frozenset({502, 503, 504})


class HttpTransport:
    def __init__(
        self,
        name: str,
        url: str,
        *,
        timeout: float = 30.0,
        retries: int = 2,
        backoff: float = 0.05,
        pool_size: int = 100,
    ) -> None:
        self.name = name
        self.url = url
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.pool_size = pool_size
        self.request_count = 0
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self.pool_size, keepalive_timeout=30)
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                skip_auto_headers=("User-Agent",),
            )
        return self._session

    async def fetch(self, body: bytes, headers: Mapping[str, str]) -> bytes:
        attempts = 1 + (self.retries if is_query_body(body) else 0)
        last: SubgraphTransportError | None = None
        for attempt in range(attempts):
            if attempt:
                await asyncio.sleep(self.backoff * attempt)
            try:
                return await self._once(body, headers)
            except SubgraphTransportError as exc:
                last = exc
                if exc.status is not None and exc.status not in _RETRY_STATUSES:
                    raise
        assert last is not None
        raise last

    async def _once(self, body: bytes, headers: Mapping[str, str]) -> bytes:
        self.request_count += 1
        session = self._get_session()
        try:
            async with session.post(self.url, data=body, headers=dict(headers)) as response:
                payload = await response.read()
                content_type = response.headers.get("content-type", "")
                if not looks_like_graphql_response(response.status, payload, content_type):
                    raise SubgraphTransportError(self.name, f"HTTP status {response.status}", response.status)
                return payload
        except asyncio.TimeoutError as exc:
            raise SubgraphTransportError(self.name, "request timed out") from exc
        except aiohttp.ClientError as exc:
            raise SubgraphTransportError(self.name, "connection failed") from exc

    async def aclose(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None
