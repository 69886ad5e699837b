"""The Vue client proof (``client-queries/vue/demo/``) in headless Chromium, through the router.

The page is built once per run (``npm ci`` + ``npx vite build`` in a temp copy, reading the
repo's ``client-queries/manifest.json``) and served with the in-process router from ONE
origin by uvicorn, running in the session event loop that owns the subgraph apps' pools.
The browser signs in as the demo owner, and the page runs the persisted ``MyPets`` and
``PetDashboard`` operations by id. Checked: the first pet's name, vaccinations, visits and
wearable stats are rendered; the two reads reached the router as ids only (no query text);
the browser logged no errors. A screenshot is written to the test's tmp dir. Served from
another origin (``?router=`` names the router), the page works only when the router's edge
lists that origin in ``cors_origins`` (a second router app over the same subgraph apps).

Needs ``npm`` (Node 20.19+) and ``chromium`` + ``chromium-driver`` (apt); a missing one fails
the test. The ``browser`` fixture (Debian chromium set-up) comes from ``test_graphiql``.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from tests.support.platform import account
from tests.support.servers import LoopServer

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "client-queries" / "vue" / "demo"
MANIFEST = REPO / "client-queries" / "manifest.json"
OWNER = "owner@demo.test"


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def vue_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built page: a temp copy of the demo, ``npm ci`` (pinned lock) and ``vite build``."""
    npm, npx = shutil.which("npm"), shutil.which("npx")
    if npm is None or npx is None:
        pytest.fail(f"npm is required to build the Vue demo (found npm={npm}, npx={npx})")
    work = tmp_path_factory.mktemp("vue-demo") / "demo"
    shutil.copytree(DEMO, work, ignore=shutil.ignore_patterns("node_modules", "dist"))
    env = {**os.environ, "PAWGRAPH_MANIFEST": str(MANIFEST)}
    _run([npm, "ci", "--no-audit", "--no-fund"], work, env)
    _run([npx, "vite", "build"], work, env)
    assert (work / "dist" / "index.html").is_file()
    return work / "dist"


def _persisted_ids() -> dict[str, str]:
    operations = json.loads(MANIFEST.read_text())["operations"]
    return {op["name"]: op["id"] for op in operations
            if op["clientName"] == "vue" and op["name"] in ("MyPets", "PetDashboard")}


def _same_origin(router_app: Any, dist: Path, seen: list[dict[str, Any]]):
    """Paths under /graphql -> the router (POST bodies recorded in ``seen``); else the page."""
    page = Starlette(routes=[Mount("/", StaticFiles(directory=dist, html=True))])  # 404s as 404s

    async def app(scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith("/graphql"):
            return await page(scope, receive, send)
        chunks: list[bytes] = []

        async def recording_receive():
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body") and scope["method"] == "POST":
                seen.append(json.loads(b"".join(chunks) or b"null"))
            return message

        return await router_app(scope, recording_receive, send)

    return app


def _bind() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # a kernel-chosen free port, never a fixed one
    return sock


def _origin(sock: socket.socket) -> str:
    return f"http://127.0.0.1:{sock.getsockname()[1]}"


@asynccontextmanager
async def _serve(app: Any, sock: socket.socket | None = None) -> AsyncIterator[str]:
    """uvicorn as a task of the running (session) event loop; yields its origin."""
    sock = sock or _bind()
    server = LoopServer(uvicorn.Config(app, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    deadline = time.monotonic() + 15
    while not server.started:
        assert not task.done(), f"uvicorn exited during startup: {task.exception() if task.done() else ''}"
        assert time.monotonic() < deadline, "uvicorn did not start within 15s"
        await asyncio.sleep(0.05)
    try:
        yield _origin(sock)
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, timeout=10)
        sock.close()


@asynccontextmanager
async def _router_allowing(platform: Any, origin: str) -> AsyncIterator[Any]:
    """A second router app over the platform's subgraph apps, with ``origin`` in CORS_ORIGINS."""
    from pawgraph.assembly import router_edge, router_hooks
    from supergraph.http.app import RouterConfig, create_router_app
    from supergraph.transport.inprocess import InProcessTransport

    base = platform.settings
    settings = base.model_copy(update={"router": base.router.model_copy(update={"cors_origins": [origin]})})
    authenticate, identity_headers = router_hooks(settings)
    transports = {name: InProcessTransport(name, app) for name, app in platform.subgraph_apps.items()}
    app = create_router_app(RouterConfig(
        supergraph_sdl=platform.supergraph_sdl, transports=transports, authenticate=authenticate,
        identity_headers=identity_headers, dev=settings.is_development, **router_edge(settings)))
    async with app.router.lifespan_context(app):
        yield app


def _drive(driver: webdriver.Chrome, url: str, screenshot: Path) -> dict[str, Any]:
    """Sign in with the prefilled demo owner and read what the page shows (blocking)."""
    driver.get(url)
    wait = WebDriverWait(driver, 30)
    wait.until(EC.element_to_be_clickable((By.ID, "sign-in-button")))
    rendered: dict[str, Any] = {
        "prefilled": (driver.find_element(By.ID, "email").get_attribute("value"),
                      driver.find_element(By.ID, "password").get_attribute("value"))}
    driver.find_element(By.ID, "sign-in-button").click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "main").get_attribute("data-status") in ("ready", "error"))
    rendered["status"] = driver.find_element(By.TAG_NAME, "main").get_attribute("data-status")
    rendered["error"] = " ".join(e.text for e in driver.find_elements(By.ID, "error"))
    if rendered["status"] == "ready":
        rendered.update(
            name=driver.find_element(By.ID, "pet-name").text,
            vaccinations=[li.text for li in driver.find_elements(By.CSS_SELECTOR, "#vaccinations li")],
            visits=[li.text for li in driver.find_elements(By.CSS_SELECTOR, "#visits li")],
            wearable=driver.find_element(By.ID, "wearable").text)
    rendered["log"] = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert driver.save_screenshot(str(screenshot))
    return rendered


def _assert_dashboard(rendered: dict[str, Any], expected: dict[str, Any]) -> None:
    assert rendered["status"] == "ready", rendered["error"]
    assert rendered["prefilled"] == (OWNER, "pawgraph-demo")
    assert rendered["name"] == expected["name"]
    vaccinations = expected["medicalRecord"]["vaccinations"]
    assert len(rendered["vaccinations"]) == max(len(vaccinations), 1)
    assert all(v["name"] in line for v, line in zip(vaccinations, rendered["vaccinations"]))
    assert len(rendered["visits"]) == max(len(expected["visits"]), 1)
    if expected["wearableStats"]:
        # the 7-day window slides every minute, so the page and the later reference read may
        # straddle a minute boundary: the steps agree to within one minute's worth
        steps = expected["wearableStats"]["totalSteps"]
        shown = [int(n) for n in re.findall(r"\d+", rendered["wearable"].replace(",", ""))]
        assert any(abs(n - steps) <= max(200, steps // 100) for n in shown), (steps, shown)
    assert rendered["log"] == []


async def _first_pet(router, token: str, ids: dict[str, str]) -> dict[str, Any]:
    """What the page should show: the router's own answer to the persisted reads."""
    pets = await router.post({"extensions": {"persistedQuery": {"version": 1, "sha256Hash": ids["MyPets"]}}},
                             token=token)
    first = pets.json()["data"]["myPets"][0]
    dashboard = await router.post({"variables": {"id": first["id"]},
                                   "extensions": {"persistedQuery": {"version": 1,
                                                                     "sha256Hash": ids["PetDashboard"]}}},
                                  token=token)
    return dashboard.json()["data"]["pet"]


async def test_vue_demo_signs_in_and_renders_the_persisted_dashboard(
        platform, router, world, issue_token, vue_dist: Path, browser: webdriver.Chrome,
        tmp_path: Path) -> None:
    ids = _persisted_ids()
    expected = await _first_pet(router, issue_token(account(world, OWNER)), ids)
    seen: list[dict[str, Any]] = []
    screenshot = tmp_path / "vue-demo.png"
    async with _serve(_same_origin(platform.router_app, vue_dist, seen)) as base:
        # the router URL is a run-time parameter of the page (same origin here: no CORS needed)
        rendered = await asyncio.to_thread(_drive, browser, f"{base}/?router={base}/graphql", screenshot)
    print(f"screenshot: {screenshot}")
    _assert_dashboard(rendered, expected)
    assert screenshot.stat().st_size > 10_000

    # sign-in as text, then the two reads by persisted id only - never their text
    assert [body.get("operationName") for body in seen] == ["VueDemoSignIn", "MyPets", "PetDashboard"]
    for body, name in zip(seen[1:], ("MyPets", "PetDashboard")):
        assert "query" not in body
        assert body["extensions"]["persistedQuery"] == {"version": 1, "sha256Hash": ids[name]}


@pytest.mark.parametrize("allowed", [True, False], ids=["origin-configured", "origin-not-configured"])
async def test_vue_demo_on_another_origin_needs_that_origin_in_cors_origins(
        allowed: bool, platform, router, world, issue_token, vue_dist: Path,
        browser: webdriver.Chrome, tmp_path: Path) -> None:
    page_sock = _bind()
    page_origin = _origin(page_sock)
    page = Starlette(routes=[Mount("/", StaticFiles(directory=vue_dist, html=True))])
    screenshot = tmp_path / "vue-demo-cross-origin.png"
    async with _router_allowing(platform, page_origin if allowed else "http://127.0.0.1:1") as router_app, \
            _serve(router_app) as router_base, _serve(page, page_sock):
        rendered = await asyncio.to_thread(
            _drive, browser, f"{page_origin}/?router={router_base}/graphql", screenshot)
    if allowed:
        _assert_dashboard(rendered, await _first_pet(router, issue_token(account(world, OWNER)), _persisted_ids()))
    else:  # the browser's preflight is refused: the page never sees a response
        assert rendered["status"] == "error" and "fetch" in rendered["error"].lower(), rendered
        assert any("CORS" in entry["message"] for entry in rendered["log"]), rendered["log"]
