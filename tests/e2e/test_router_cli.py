"""``pawgraph router --supergraph FILE`` serves any supergraph (URLs from join__graph), with
no token needed, answers GET and POST /graphql and /health, and exits cleanly on SIGTERM."""

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from tests.support.conformance.features import entities, interface_object
from tests.support.conformance.harness import build_subgraphs, supergraph_of, url_of
from tests.support.servers import BackgroundServer, free_socket

pytestmark = pytest.mark.e2e

CHAIN = entities.FEATURE.cases[3]  # four hops through an unresolvable reference
INTERFACE_OBJECT = interface_object.FEATURE.cases[3]


def _serve_router(supergraph_file, data_dir):
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "PAWGRAPH_DATA_DIR": str(data_dir), "PAWGRAPH_ENV": "development"}
    process = subprocess.Popen(
        [sys.executable, "-m", "pawgraph", "router", "--supergraph", str(supergraph_file),
         "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health").status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
        if process.poll() is not None:
            break
    process.kill()
    raise AssertionError(process.stdout.read().decode())


@pytest.mark.parametrize("feature, case", [(entities.FEATURE, CHAIN), (interface_object.FEATURE, INTERFACE_OBJECT)])
def test_router_command_serves_a_foreign_supergraph_and_stops_on_sigterm(tmp_path, feature, case):
    subgraphs = build_subgraphs(feature)
    app = Starlette(routes=[Mount(f"/{name}", sub.app()) for name, sub in subgraphs.items()])
    with BackgroundServer(app) as server:
        sdl = supergraph_of(feature)
        for name in subgraphs:
            sdl = sdl.replace(url_of(name), f"{server.url}/{name}/graphql")
        supergraph_file = tmp_path / "supergraph.graphql"
        supergraph_file.write_text(sdl)
        process, url = _serve_router(supergraph_file, tmp_path / "data")
        try:
            posted = httpx.post(f"{url}/graphql", json={"query": case.query}).json()
            got = httpx.get(f"{url}/graphql", params={"query": case.query},
                            headers={"accept": "application/json", "x-apollo-operation-name": "q"}).json()
        finally:
            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=30)
            output = process.stdout.read().decode()
    assert posted == {"data": case.expected}
    assert got == {"data": case.expected}
    # uvicorn shuts down gracefully, then re-raises the signal it captured
    assert code in (0, -signal.SIGTERM), output
    assert "Traceback" not in output
