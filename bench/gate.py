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


async def fetch_all(client: httpx.AsyncClient, url: str, workload) -> list[dict]:
    bodies = []
    for payload, auth in workload.gated():
        response = await client.post(url, content=payload, headers={
            "content-type": "application/json", "authorization": auth})
        try:
            bodies.append(response.json())
        except ValueError:
            bodies.append({"errors": [{"message": f"HTTP {response.status_code}: "
                                                  f"{response.text[:200]}"}]})
    return bodies


async def run_gate(urls: dict[str, str], workloads: list, golden: dict[str, list[dict]]
                   ) -> dict[tuple[str, str], str]:
    """{(router, workload): "ok" or the first problem}. Fills ``golden`` on first use."""
    status: dict[tuple[str, str], str] = {}
    async with httpx.AsyncClient(timeout=120) as client:
        for workload in workloads:
            for router, url in urls.items():
                bodies = await fetch_all(client, url, workload)
                reference = golden.get(workload.name)
                if reference is None:
                    problems = [check_response(None, b) for b in bodies]
                    if not any(problems):
                        golden[workload.name] = bodies
                else:
                    problems = [check_response(g, b) for g, b in zip(reference, bodies)]
                problem = next((p for p in problems if p), None)
                status[(router, workload.name)] = "ok" if problem is None else problem
    return status
