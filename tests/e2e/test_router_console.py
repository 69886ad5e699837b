"""The dev router serves the GraphiQL console, health and metrics next to /graphql."""

import httpx


async def _get(app, path: str, accept: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://router") as client:
        return await client.get(path, headers={"accept": accept})


async def test_browser_get_on_graphql_serves_the_local_console(platform):
    response = await _get(platform.router_app, "/graphql", "text/html")
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "/graphiql-assets/" in response.text and "https://" not in response.text


async def test_health_and_metrics_answer(platform):
    assert (await _get(platform.router_app, "/health", "application/json")).json() == {
        "status": "ok"}
    metrics = await _get(platform.router_app, "/metrics", "text/plain")
    assert "pawgraph_router_subgraph_requests_total" in metrics.text
