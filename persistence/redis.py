"""Redis through redis-py's asyncio client (caches, locks, pub/sub)."""

from __future__ import annotations

import redis.asyncio as aioredis


def create_client(url: str) -> aioredis.Redis:
    return aioredis.from_url(url, decode_responses=False)
