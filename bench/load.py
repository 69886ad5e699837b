"""Closed-loop load generator: N connections, each sending its next request when the last
answered; bounded by an operation count and a time limit, whichever comes first."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import aiohttp


@dataclass
class LoadResult:
    ops: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    first_error: str | None = None


async def run_load(url: str, stream: Iterator[tuple[bytes, dict]], *, concurrency: int,
                   max_ops: int, max_seconds: float) -> LoadResult:
    result = LoadResult()
    issued = 0
    deadline = time.monotonic() + max_seconds
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)
    timeout = aiohttp.ClientTimeout(total=max(30.0, max_seconds * 4))

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal issued
        while issued < max_ops and time.monotonic() < deadline:
            issued += 1
            body, headers = next(stream)
            started = time.perf_counter()
            try:
                async with session.post(url, data=body, headers=headers) as response:
                    payload = await response.read()
                    ok = response.status == 200 and b'"errors"' not in payload
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                ok, payload = False, repr(exc).encode()
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            result.ops += 1
            if not ok:
                result.errors += 1
                result.first_error = result.first_error or payload[:300].decode(errors="replace")

    async with aiohttp.ClientSession(connector=connector, timeout=timeout,
                                     skip_auto_headers=("User-Agent",)) as session:
        began = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        result.seconds = time.perf_counter() - began
    return result
