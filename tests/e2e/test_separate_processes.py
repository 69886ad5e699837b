"""Each piece as its own process: `pawgraph subgraph NAME` x7 and `pawgraph router` over HTTP,
using the checked-in schema.graphql with per-subgraph URL overrides."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pawgraph.clientops import load_client
from persistence.embedded import free_port
from subgraphs.registry import SUBGRAPHS
from tests.support.platform import account

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = load_client("vue")["PetDashboard"].document


def _env(settings) -> dict[str, str]:
    return {**os.environ, "PAWGRAPH_ENV": "test", "PAWGRAPH_DATA_DIR": str(settings.data_dir),
            "PAWGRAPH_POSTGRES__URL": settings.postgres.url,
            "PAWGRAPH_MONGO__URL": settings.mongo.url,
            "PAWGRAPH_MONGO__DATABASE": settings.mongo.database,
            "PAWGRAPH_REDIS__URL": settings.redis.url,
            # the session's namespace: on a shared Redis the default one may be a live instance's
            "PAWGRAPH_REDIS__KEY_PREFIX": settings.redis.key_prefix,
            # no MQTT consumer: on a shared broker it would take the default client id's session
            "PAWGRAPH_MQTT__INGEST": "false"}


def _wait_healthy(url: str, procs: list[subprocess.Popen], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in procs:
            assert proc.poll() is None, f"{proc.args} exited with {proc.returncode}"
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def deployment(settings):
    env, procs = _env(settings), []
    cli = [sys.executable, "-m", "pawgraph"]
    try:
        for name in SUBGRAPHS:
            port = free_port()
            env[f"PAWGRAPH_SUBGRAPH_URLS__{name.upper()}"] = f"http://127.0.0.1:{port}/graphql"
            procs.append(subprocess.Popen([*cli, "subgraph", name, "--port", str(port)], env=env,
                                          cwd=ROOT))
        router_port = free_port()
        procs.append(subprocess.Popen([*cli, "router", "--supergraph", str(ROOT / "schema.graphql"),
                                       "--port", str(router_port)], env=env, cwd=ROOT))
        for name in SUBGRAPHS:
            _wait_healthy(env[f"PAWGRAPH_SUBGRAPH_URLS__{name.upper()}"].replace(
                "/graphql", "/health"), procs)
        _wait_healthy(f"http://127.0.0.1:{router_port}/health", procs)
        yield f"http://127.0.0.1:{router_port}", env
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(20)


def test_dashboard_through_http_router_and_subgraph_processes(deployment, world, issue_token):
    url, _ = deployment
    owner = account(world, "owner@demo.test")
    pet = next(p for p in world.pets if p.owner_id == owner.id)
    response = httpx.post(f"{url}/graphql", json={"query": DASHBOARD, "variables": {"id": pet.id}},
                          headers={"authorization": f"Bearer {issue_token(owner)}"}, timeout=30)
    body = response.json()
    assert "errors" not in body, body.get("errors")
    assert body["data"]["pet"]["name"] == pet.name
    assert body["data"]["pet"]["visits"]


def test_subgraph_process_refuses_calls_without_router_identity(deployment):
    _, env = deployment
    response = httpx.post(env["PAWGRAPH_SUBGRAPH_URLS__PROFILES"],
                          json={"query": "{ _service { sdl } }"}, timeout=10)
    assert response.status_code == 401


def test_subscription_through_router_process_over_real_websockets(deployment, world,
                                                                   issue_token):
    import asyncio

    import orjson
    from websockets.asyncio.client import connect

    url, _ = deployment
    vet_id = world.vets[0].id
    appointment = [a for a in world.appointments
                   if a.vet_id == vet_id and a.status == "requested"][-1]
    owner = next(a for a in world.accounts if a.id == appointment.owner_id)
    vet = account(world, "vet@demo.test")
    watch = ("subscription($id: ID!) { appointmentStatusChanged(appointmentId: $id) "
             "{ status pet { name } } }")
    confirm = ("mutation($id: ID!) { appointmentConfirm(input: {appointmentId: $id}) "
               "{ errors { code } } }")

    async def scenario():
        async with connect(url.replace("http", "ws") + "/graphql",
                           subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send(orjson.dumps({"type": "connection_init", "payload": {
                "Authorization": f"Bearer {issue_token(owner)}"}}).decode())
            assert orjson.loads(await ws.recv())["type"] == "connection_ack"
            await ws.send(orjson.dumps({"id": "1", "type": "subscribe", "payload": {
                "query": watch, "variables": {"id": appointment.id}}}).decode())
            await asyncio.sleep(1.0)
            async with httpx.AsyncClient(timeout=30) as client:
                done = await client.post(f"{url}/graphql", json={
                    "query": confirm, "variables": {"id": appointment.id}},
                    headers={"authorization": f"Bearer {issue_token(vet)}"})
            assert done.json()["data"]["appointmentConfirm"]["errors"] == []
            return orjson.loads(await asyncio.wait_for(ws.recv(), 15))

    message = asyncio.run(scenario())
    pet = next(p for p in world.pets if p.id == appointment.pet_id)
    assert message["payload"] == {"data": {"appointmentStatusChanged": {
        "status": "CONFIRMED", "pet": {"name": pet.name}}}}
