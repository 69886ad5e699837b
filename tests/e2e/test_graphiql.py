"""The admin GraphiQL console in a real browser (headless Chromium, Debian packages).

A tiny Starlette app mounts ``graphiql_routes()`` and a graphql-core POST /graphql endpoint;
``GET /graphql`` returns the console when ``wants_graphiql`` says so, as the router does. The
test loads the page, types headers and a query into GraphiQL, runs it, and checks that the
result came back, that the Authorization header from the headers editor reached the server,
that nothing was loaded from outside the server's origin, and that the browser logged no
errors (a CSP violation would be one). A screenshot is written to the test's tmp dir.

Needs ``chromium`` and ``chromium-driver`` (apt) and the built assets (npm, via
``ensure_assets``); a missing one fails the test.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest
import uvicorn
from graphql import build_schema, graphql_sync
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from supergraph.http.graphiql import CONTENT_SECURITY_POLICY, graphiql_page, graphiql_routes, wants_graphiql
from supergraph.http.graphiql_assets import ASSET_NAMES, ensure_assets
from tests.support.browser import editor_value
from tests.support.servers import LoopServer

pytestmark = pytest.mark.e2e

SDL = """
type Query {
  hello: String!
  pet(id: ID!): Pet
  whoami: String
}

type Pet {
  id: ID!
  name: String!
  species: String!
}
"""
PETS = {"1": {"id": "1", "name": "Biscuit", "species": "dog"}}


class _Root:
    hello = "woof"

    @staticmethod
    def pet(info, id):
        return PETS.get(id)

    @staticmethod
    def whoami(info):
        return info.context["authorization"]


def _make_app(seen: list[dict[str, Any]]) -> Starlette:
    schema = build_schema(SDL)

    async def graphql(request: Request) -> Response:
        if request.method == "GET":
            if wants_graphiql(request):
                return graphiql_page(request)
            body = {"query": request.query_params.get("query")}
        else:
            body = await request.json()
        authorization = request.headers.get("authorization")
        seen.append({"query": body.get("query") or "", "authorization": authorization})
        result = graphql_sync(schema, body.get("query") or "", root_value=_Root,
                              context_value={"authorization": authorization},
                              variable_values=body.get("variables"),
                              operation_name=body.get("operationName"))
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = [error.formatted for error in result.errors]
        return JSONResponse(payload)

    return Starlette(routes=[*graphiql_routes("/graphql"), Route("/graphql", graphql, methods=["GET", "POST"])])


@pytest.fixture(scope="module")
def console_server() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    ensure_assets()
    seen: list[dict[str, Any]] = []
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # a free port chosen by the kernel; never a fixed one
    port = sock.getsockname()[1]
    server = LoopServer(uvicorn.Config(_make_app(seen), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive(), "uvicorn exited during startup"
        assert time.monotonic() < deadline, "uvicorn did not start within 15s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", seen
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_page_headers_and_content_negotiation(console_server) -> None:
    base, _ = console_server
    with httpx.Client(base_url=base, timeout=10) as client:
        page = client.get("/graphql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "default-src 'self'" in CONTENT_SECURITY_POLICY and "script-src 'self';" in CONTENT_SECURITY_POLICY
        assert "<script>" not in page.text and "http://" not in page.text and "https://" not in page.text
        assert 'data-endpoint="/graphql"' in page.text

        also = client.get("/graphiql", headers={"Accept": "text/html"})
        assert also.status_code == 200 and 'data-endpoint="/graphql"' in also.text

        # not a browser navigation -> the GraphQL endpoint answers
        assert client.get("/graphql", params={"query": "{ hello }"},
                          headers={"Accept": "text/html"}).json() == {"data": {"hello": "woof"}}
        assert client.get("/graphql", params={"query": "{ hello }"},
                          headers={"Accept": "application/json"}).json() == {"data": {"hello": "woof"}}

        for name in ASSET_NAMES:
            asset = client.get(f"/graphiql-assets/{name}")
            assert asset.status_code == 200, name
            expected = "text/css" if name.endswith(".css") else "javascript"
            assert expected in asset.headers["content-type"], (name, asset.headers["content-type"])


def _type_into(driver: webdriver.Chrome, selector: str, text: str) -> None:
    """Focus a GraphiQL CodeMirror editor, select all, and type ``text`` key by key."""
    editor = driver.find_element(By.CSS_SELECTOR, selector)
    editor.click()
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(Keys.DELETE).perform()
    ActionChains(driver).send_keys(text).send_keys(Keys.ESCAPE).perform()  # Esc closes any hint popup
    # GraphiQL applies editor changes (operation name, tab state) after a 100 ms debounce;
    # a real user does not click Run within 100 ms of the last keystroke, so neither do we.
    time.sleep(0.5)


def test_graphiql_renders_and_runs_a_query(console_server, browser: webdriver.Chrome, tmp_path: Path) -> None:
    base, seen = console_server
    seen.clear()
    browser.get(f"{base}/graphql")
    wait = WebDriverWait(browser, 30)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".graphiql-container")))
    # the schema was introspected through the same-origin endpoint
    wait.until(lambda _: any("__schema" in request["query"] for request in seen))

    # headers editor: open by default (defaultEditorToolsVisibility="headers"); type a bearer token
    headers_selector = ".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror"
    wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, headers_selector)))
    _type_into(browser, headers_selector, '{"Authorization": "Bearer test-token"}')
    assert json.loads(editor_value(browser, headers_selector)) == {"Authorization": "Bearer test-token"}

    query_selector = ".graphiql-query-editor .CodeMirror"
    query = 'query Console { hello pet(id: "1") { name species } whoami }'
    _type_into(browser, query_selector, query)
    assert " ".join(editor_value(browser, query_selector).split()) == query

    browser.find_element(By.CSS_SELECTOR, ".graphiql-execute-button").click()
    response_selector = ".graphiql-response .CodeMirror"
    wait.until(lambda d: "Biscuit" in (editor_value(d, response_selector) or ""))
    result = json.loads(editor_value(browser, response_selector))
    assert result == {"data": {"hello": "woof", "pet": {"name": "Biscuit", "species": "dog"},
                               "whoami": "Bearer test-token"}}
    assert any(r["authorization"] == "Bearer test-token" and "Console" in r["query"] for r in seen)

    screenshot = tmp_path / "graphiql.png"
    assert browser.save_screenshot(str(screenshot)) and screenshot.stat().st_size > 10_000
    print(f"screenshot: {screenshot}")

    # nothing was fetched from outside the server's origin
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".concat(performance.getEntriesByType('navigation').map(e => e.name));"
    )
    assert resources and all(url.startswith(base + "/") or url.startswith("data:") for url in resources), resources
    assert any("/graphiql-assets/graphiql.min.js" in url for url in resources)

    # no console errors (CSP violations, failed loads, React errors)
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == [], errors
