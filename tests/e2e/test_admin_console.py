"""The admin console (``supergraph.http.graphiql``, ``supergraph.http.admin_console``) on the real router app, over the platform.

Gating over HTTP (production: ``graphiql=False``): ``/admin`` answers 403 with the sign-in
form (never GraphiQL) to anonymous callers and to non-admin tokens in the cookie; a non-admin
sign-in is refused with ``ADMIN_REQUIRED`` and gets no cookie; an admin sign-in sets an
HttpOnly SameSite=Strict cookie (the token is not in the body) that serves the console and
authenticates ``/admin/graphql``.

In headless Chromium (router served by uvicorn as a task in the session's event loop, the
browser driven from a worker thread so the loop keeps serving): development console - an
owner is told the console is for admins, the admin's bearer token lands in GraphiQL's headers
and the preloaded ``AdminMyAccount`` tab returns the admin's account; production - sign-in
page, admin sign-in, the console, the same operation through ``/admin/graphql``. Screenshots
are saved in the test's tmp dir.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from pathlib import Path
from typing import AsyncIterator

import httpx
import pytest
import uvicorn
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from pawgraph.assembly import router_edge, router_hooks
from pawgraph.demo import DEMO_PASSWORD
from supergraph.http.admin_console import SESSION_COOKIE, USER_COOKIE
from supergraph.http.app import RouterConfig, create_router_app
from supergraph.http.graphiql_assets import ensure_assets
from tests.support.browser import editor_value
from tests.support.edge import token_for
from tests.support.servers import LoopServer

pytestmark = pytest.mark.e2e

ADMIN = "admin@demo.test"
JSON_HEADERS = {"content-type": "application/json"}
HEADERS_EDITOR = ".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror"
RESPONSE_EDITOR = ".graphiql-response .CodeMirror"


def console_app(platform, settings, *, development: bool):
    authenticate, identity_headers = router_hooks(settings)
    return create_router_app(RouterConfig(
        supergraph_sdl=platform.supergraph_sdl, transports=platform.transports, authenticate=authenticate,
        identity_headers=identity_headers, dev=development, graphiql=development, **router_edge(settings)))


@pytest.fixture
async def apps(platform, settings):
    ensure_assets()
    built = {"development": console_app(platform, settings, development=True),
             "production": console_app(platform, settings, development=False)}
    yield built
    for app in built.values():
        await app.state.edge.aclose()


@contextlib.asynccontextmanager
async def serve(app) -> AsyncIterator[str]:
    """``app`` on a kernel-chosen loopback port, served by a task of the running loop."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = LoopServer(uvicorn.Config(app, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        for _ in range(300):
            if server.started or task.done():
                break
            await asyncio.sleep(0.05)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await task
        sock.close()


async def call(app, method: str, path: str, **kwargs) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://router") as client:
        return await client.request(method, path, **kwargs)


def cookie(name: str, value: str) -> dict[str, str]:
    return {"cookie": f"{name}={value}"}


async def test_production_console_anonymous_gets_the_sign_in_form_never_the_console(apps) -> None:
    app = apps["production"]
    page = await call(app, "GET", "/admin", headers={"accept": "text/html"})
    assert page.status_code == 403 and 'data-mode="sign-in"' in page.text
    assert "graphiql.min.js" not in page.text and "AdminMyAccount" not in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    for path in ("/graphiql", "/graphql"):  # no open console outside development
        other = await call(app, "GET", path, headers={"accept": "text/html"})
        assert "graphiql.min.js" not in other.text, path
    refused = await call(app, "POST", "/admin/graphql", json={"query": "{ myAccount { email } }"},
                         headers=JSON_HEADERS)
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["extensions"]["code"] == "ADMIN_SESSION_REQUIRED"


async def test_production_console_non_admin_sign_in_and_cookie_refused(apps, world, issue_token) -> None:
    app = apps["production"]
    refused = await call(app, "POST", "/admin/session", headers=JSON_HEADERS,
                         json={"email": "clinic@demo.test", "password": DEMO_PASSWORD})
    assert refused.status_code == 403 and "set-cookie" not in refused.headers
    assert refused.json()["errors"][0]["extensions"]["code"] == "ADMIN_REQUIRED"
    wrong = await call(app, "POST", "/admin/session", headers=JSON_HEADERS,
                       json={"email": ADMIN, "password": "not-the-password"})
    assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
    simple = await call(app, "POST", "/admin/session", headers={"content-type": "text/plain"},
                        content=json.dumps({"email": ADMIN, "password": DEMO_PASSWORD}))
    assert simple.status_code == 415  # a "simple" cross-site form post never signs in
    oversized = await call(app, "POST", "/admin/session", headers=JSON_HEADERS,
                           content=json.dumps({"email": ADMIN, "password": "x" * 10_000}))
    assert oversized.status_code == 413
    assert oversized.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"
    # a non-admin token planted in the cookie is not a session
    owner = cookie(SESSION_COOKIE, token_for(world, issue_token, "owner@demo.test"))
    page = await call(app, "GET", "/admin", headers={"accept": "text/html", **owner})
    assert page.status_code == 403 and "graphiql.min.js" not in page.text
    graphql = await call(app, "POST", "/admin/graphql", json={"query": "{ __typename }"},
                         headers={**JSON_HEADERS, **owner})
    assert graphql.status_code == 403


async def test_production_console_admin_session_serves_console_and_graphql(apps) -> None:
    app = apps["production"]
    signed_in = await call(app, "POST", "/admin/session", headers=JSON_HEADERS,
                           json={"email": ADMIN, "password": DEMO_PASSWORD})
    assert signed_in.status_code == 200, signed_in.text
    assert "accessToken" not in signed_in.json() and signed_in.json()["account"]["email"] == ADMIN
    set_cookie = next(v for v in signed_in.headers.get_list("set-cookie") if v.startswith(SESSION_COOKIE))
    assert "HttpOnly" in set_cookie and "SameSite=strict" in set_cookie and "Path=/admin" in set_cookie
    token = signed_in.cookies[SESSION_COOKIE]
    session = {"cookie": f"{SESSION_COOKIE}={token}; {USER_COOKIE}={ADMIN}"}

    page = await call(app, "GET", "/admin", headers={"accept": "text/html", **session})
    assert page.status_code == 200 and 'data-endpoint="/admin/graphql"' in page.text
    assert "graphiql.min.js" in page.text and "AdminMyAccount" in page.text and 'data-admin="admin@demo.test"' in page.text

    result = await call(app, "POST", "/admin/graphql", json={"query": "{ myAccount { email roles } }"},
                        headers={**JSON_HEADERS, **session})
    assert result.json() == {"data": {"myAccount": {"email": ADMIN, "roles": ["admin"]}}}
    # CSRF prevention still applies to the cookie-authenticated endpoint
    csrf = await call(app, "POST", "/admin/graphql", content=b'{"query": "{ __typename }"}',
                      headers={"content-type": "text/plain", **session})
    assert csrf.status_code == 400 and "data" not in csrf.json()

    signed_out = await call(app, "DELETE", "/admin/session", headers=session)
    assert signed_out.status_code == 204 and f'{SESSION_COOKIE}=""' in signed_out.headers["set-cookie"]


def _fill_sign_in(driver: webdriver.Chrome, email: str) -> None:
    for selector, value in (("#pg-email", email), ("#pg-password", DEMO_PASSWORD)):
        field = driver.find_element(By.CSS_SELECTOR, selector)
        field.clear()
        field.send_keys(value)
    driver.find_element(By.CSS_SELECTOR, "#pg-sign-in-button").click()


def _run_saved_operation(driver: webdriver.Chrome, wait: WebDriverWait, name: str) -> dict:
    tab = next(t for t in driver.find_elements(By.CSS_SELECTOR, ".graphiql-tab-button") if t.text.strip() == name)
    tab.click()
    wait.until(lambda d: f"query {name}" in (editor_value(d, ".graphiql-query-editor .CodeMirror") or ""))
    # no pause: right after a tab switch GraphiQL may still hold the previous tab's operation
    # name; console.js sends only a name the document defines
    driver.find_element(By.CSS_SELECTOR, ".graphiql-execute-button").click()
    try:
        wait.until(lambda d: ADMIN in (editor_value(d, RESPONSE_EDITOR) or ""))
    except TimeoutException:
        raise AssertionError(f"{name}: no admin data; response: {editor_value(driver, RESPONSE_EDITOR)!r}; "
                             f"log: {driver.get_log('browser')}") from None
    return json.loads(editor_value(driver, RESPONSE_EDITOR))


def _drive_development(driver: webdriver.Chrome, base: str, shot: Path) -> dict:
    wait = WebDriverWait(driver, 30)
    driver.get(f"{base}/graphql")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".graphiql-container")))
    tabs = [t.text.strip() for t in driver.find_elements(By.CSS_SELECTOR, ".graphiql-tab-button")]
    _fill_sign_in(driver, "owner@demo.test")
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#pg-message"), "for admins"))
    owner_headers = editor_value(driver, HEADERS_EDITOR)
    _fill_sign_in(driver, ADMIN)
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#pg-signed-in"), ADMIN))
    wait.until(lambda d: "Bearer " in (editor_value(d, HEADERS_EDITOR) or ""))
    headers = json.loads(editor_value(driver, HEADERS_EDITOR))
    result = _run_saved_operation(driver, wait, "AdminMyAccount")
    tab_headers = json.loads(editor_value(driver, HEADERS_EDITOR) or "{}")  # handed to the new tab too
    assert driver.save_screenshot(str(shot))
    driver.find_element(By.CSS_SELECTOR, "#pg-sign-out").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#pg-sign-in")))
    signed_out_headers = editor_value(driver, HEADERS_EDITOR)
    return {"signed_out_headers": signed_out_headers, "tabs": tabs, "owner_headers": owner_headers, "headers": headers, "tab_headers": tab_headers,
            "result": result}


def _drive_production(driver: webdriver.Chrome, base: str, shot: Path) -> dict:
    wait = WebDriverWait(driver, 30)
    driver.get(f"{base}/admin")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#pg-sign-in")))
    before = bool(driver.find_elements(By.CSS_SELECTOR, ".graphiql-container"))
    _fill_sign_in(driver, ADMIN)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".graphiql-container")))
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#pg-signed-in"), ADMIN))
    result = _run_saved_operation(driver, wait, "AdminMyAccount")
    assert driver.save_screenshot(str(shot))
    script_cookie = driver.execute_script("return document.cookie")
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "/admin " not in e["message"]]
    return {"console_before_sign_in": before, "result": result, "document_cookie": script_cookie,
            "errors": errors}


async def test_development_console_signs_in_admin_and_runs_saved_operation(
        apps, browser: webdriver.Chrome, tmp_path: Path) -> None:
    shot = tmp_path / "admin-console-development.png"
    async with serve(apps["development"]) as base:
        seen = await asyncio.to_thread(_drive_development, browser, base, shot)
    assert seen["tabs"][:2] == ["AdminSignIn", "AdminMyAccount"]
    assert "Bearer" not in (seen["owner_headers"] or "")  # the owner was refused: no token placed
    assert list(seen["headers"]) == ["Authorization"] and seen["headers"]["Authorization"].startswith("Bearer ")
    assert seen["tab_headers"] == seen["headers"]
    assert "Bearer" not in (seen["signed_out_headers"] or "")  # sign-out clears the headers
    assert seen["result"]["data"]["myAccount"]["email"] == ADMIN
    assert seen["result"]["data"]["myAccount"]["roles"] == ["admin"]
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


async def test_production_console_admin_signs_in_through_the_gate(
        apps, browser: webdriver.Chrome, tmp_path: Path) -> None:
    shot = tmp_path / "admin-console-production.png"
    async with serve(apps["production"]) as base:
        seen = await asyncio.to_thread(_drive_production, browser, base, shot)
    assert seen["console_before_sign_in"] is False
    assert seen["result"]["data"]["myAccount"]["email"] == ADMIN
    assert seen["document_cookie"] == ""  # HttpOnly: the token is not readable by scripts
    assert seen["errors"] == [], seen["errors"]
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
