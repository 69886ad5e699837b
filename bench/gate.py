"""Correctness gate: before any load, every router answers every variant of every workload
exactly like the golden response (ours; or the first router's when ours is not measured).

Responses are compared as parsed JSON ``data`` (object key order ignored, list order kept);
a response with ``errors`` never passes. A router that fails the gate for a workload is not
measured on it; the reason is recorded in the results.
"""

from __future__ import annotations

from typing import Any

import httpx
import orjson


def first_difference(golden: Any, other: Any, path: str = "data") -> str | None:
    """Where two JSON values first differ (``None`` when equal)."""
    if isinstance(golden, dict) and isinstance(other, dict):
        for key in sorted(set(golden) | set(other)):
            if key not in other:
                return f"{path}.{key}: missing"
            if key not in golden:
                return f"{path}.{key}: unexpected"
            found = first_difference(golden[key], other[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(golden, list) and isinstance(other, list):
        if len(golden) != len(other):
            return f"{path}: {len(other)} items, expected {len(golden)}"
        for i, (a, b) in enumerate(zip(golden, other)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        return None
    if golden != other or isinstance(golden, bool) != isinstance(other, bool):
        return f"{path}: {other!r:.80} != expected {golden!r:.80}"
    return None


def check_response(golden: dict | None, body: dict) -> str | None:
    """Problem with one response against the golden one (``None`` = passes)."""
    if body.get("errors"):
        return f"errors: {orjson.dumps(body['errors'][:2]).decode()[:300]}"
    if body.get("data") is None:
        return "no data"
    if golden is None:
        return None
    return first_difference(golden["data"], body["data"])


async def _fetch(client: httpx.AsyncClient, url: str, payload: bytes, auth: str) -> dict:
    response = await client.post(url, content=payload, headers={
        "content-type": "application/json", "authorization": auth})
    try:
        return response.json()
    except ValueError:
        return {"errors": [{"message": f"HTTP {response.status_code}: {response.text[:200]}"}]}


async def _check_variant(client: httpx.AsyncClient, urls: dict[str, str], payload: bytes,
                         auth: str) -> dict[str, str | None]:
    """All routers back to back on one variant; the first router's answer is the golden one."""
    bodies = {router: await _fetch(client, url, payload, auth) for router, url in urls.items()}
    golden_router = next(iter(urls))
    golden = bodies[golden_router]
    problems = {golden_router: check_response(None, golden)}
    for router, body in bodies.items():
        if router != golden_router:
            problems[router] = problems[golden_router] or check_response(golden, body)
    return problems


async def run_gate(urls: dict[str, str], workloads: list) -> dict[tuple[str, str], str]:
    """{(router, workload): "ok" or the first problem}.

    Per variant, every router is asked back to back (so data that moves with the clock, like
    a sliding 7-day window, cannot differ between them); a mismatch is asked once more before
    it counts, in case a minute boundary fell between two answers.
    """
    status: dict[tuple[str, str], str] = {}
    async with httpx.AsyncClient(timeout=120) as client:
        for workload in workloads:
            for payload, auth in workload.gated():
                problems = await _check_variant(client, urls, payload, auth)
                if any(problems.values()):
                    problems = await _check_variant(client, urls, payload, auth)
                for router, problem in problems.items():
                    if problem and (router, workload.name) not in status:
                        status[(router, workload.name)] = problem
            for router in urls:
                status.setdefault((router, workload.name), "ok")
    return status
