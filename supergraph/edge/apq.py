"""Automatic persisted queries: documents by sha256, stored in Redis for every router instance.

Keys are ``<prefix>apq:<sha256>`` with a TTL; values are the query text. Documents are
immutable by their hash, so each instance also keeps a small in-memory LRU in front of
Redis (a read-through cache, never a source of truth). The Redis client is created lazily
on first use (inside the app's event loop) and closed by ``aclose()`` at shutdown.
"""

from __future__ import annotations

from typing import Any, Protocol

from supergraph.request.cache import LRUCache


class APQStore(Protocol):
    async def get(self, sha256: str) -> str | None: ...

    async def put(self, sha256: str, query: str) -> None: ...

    async def aclose(self) -> None: ...


class RedisAPQStore:
    def __init__(self, url: str, prefix: str = "pawgraph:", ttl_seconds: int = 86_400,
                 local_size: int = 1024) -> None:
        self.url = url
        self.prefix = f"{prefix}apq:"
        self.ttl_seconds = ttl_seconds
        self._client: Any = None
        self._local: LRUCache[str] = LRUCache(local_size)

    def _redis(self) -> Any:
        if self._client is None:
            from persistence.redis import create_client

            self._client = create_client(self.url)
        return self._client

    async def get(self, sha256: str) -> str | None:
        cached = self._local.get(sha256)
        if cached is not None:
            return cached
        raw = await self._redis().get(self.prefix + sha256)
        if raw is None:
            return None
        return self._local.put(sha256, raw.decode())

    async def put(self, sha256: str, query: str) -> None:
        self._local.put(sha256, query)
        await self._redis().set(self.prefix + sha256, query.encode(), ex=self.ttl_seconds)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
