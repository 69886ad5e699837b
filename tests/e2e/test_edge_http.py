"""HTTP hygiene through the router: CSRF, GET mutations, CORS, introspection, suggestions,
request ids, body and batch sizes."""

import dataclasses
import logging

import httpx
import orjson

from pawgraph.assembly import router_edge
from tests.support.edge import FLUTTER, code, send, token_for

INTROSPECTION = "{ __schema { queryType { name } } }"
TYPO = "{ myPets { nam } }"
CANCEL = "mutation($id: ID!) { appointmentCancel(input: { appointmentId: $id }) { errors { code } } }"


async def test_get_without_preflight_header_is_refused_as_csrf(edge_app):
    response = await send(edge_app(), method="GET", params={"query": "{ __typename }"})
    assert response.status_code == 400 and code(response) == "CSRF_PREVENTION"


async def test_form_post_is_refused_as_csrf(edge_app):
    response = await send(edge_app(), content=b"query=%7B__typename%7D",
                          headers={"content-type": "application/x-www-form-urlencoded"})
    assert code(response) == "CSRF_PREVENTION"


async def test_text_plain_post_is_refused_as_csrf(edge_app):
    response = await send(edge_app(), content=b'{"query":"{ __typename }"}', headers={"content-type": "text/plain"})
    assert code(response) == "CSRF_PREVENTION"


async def test_get_with_preflight_header_runs_a_query(edge_app, world, issue_token):
    response = await send(edge_app(), method="GET", params={"query": FLUTTER["MyPets"].document},
                          headers={"apollo-require-preflight": "true"},
                          token=token_for(world, issue_token, "owner@demo.test"))
    assert response.json()["data"]["myPets"]


async def test_mutation_over_get_is_refused_even_when_preflighted(edge_app, world, issue_token):
    response = await send(edge_app(), method="GET", headers={"apollo-require-preflight": "true"},
                          params={"query": CANCEL, "variables": orjson.dumps({"id": world.appointments[0].id}).decode()},
                          token=token_for(world, issue_token, "owner@demo.test"))
    assert response.status_code == 405 and code(response) == "OPERATION_NOT_ALLOWED"


async def test_cors_preflight_from_configured_origin_is_allowed(edge_app, settings):
    http = dataclasses.replace(router_edge(settings)["edge"].http, cors_origins=("https://app.pawgraph.test",))
    app = edge_app(http=http)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://router") as client:
        allowed = await client.options("/graphql", headers={
            "origin": "https://app.pawgraph.test", "access-control-request-method": "POST",
            "access-control-request-headers": "content-type, authorization"})
        refused = await client.options("/graphql", headers={
            "origin": "https://evil.test", "access-control-request-method": "POST"})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://app.pawgraph.test"
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers


async def test_no_cors_headers_without_configured_origins(edge_app):
    response = await send(edge_app(), {"query": "{ __typename }"}, headers={"origin": "https://evil.test"})
    assert "access-control-allow-origin" not in response.headers


async def test_introspection_is_refused_for_owners_outside_development(edge_app, world, issue_token):
    response = await send(edge_app(), {"query": INTROSPECTION}, token=token_for(world, issue_token, "owner@demo.test"))
    assert code(response) == "INTROSPECTION_DISABLED"


async def test_introspection_is_allowed_for_admins(edge_app, world, issue_token):
    response = await send(edge_app(), {"query": INTROSPECTION}, token=token_for(world, issue_token, "admin@demo.test"))
    assert response.json()["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_introspection_is_allowed_in_development(edge_app):
    response = await send(edge_app(dev=True), {"query": INTROSPECTION})
    assert response.json()["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_field_suggestions_are_hidden_from_owners_but_shown_to_admins(edge_app, world, issue_token):
    app = edge_app()
    owner = await send(app, {"query": TYPO}, token=token_for(world, issue_token, "owner@demo.test"))
    admin = await send(app, {"query": TYPO}, token=token_for(world, issue_token, "admin@demo.test"))
    assert code(owner) == "GRAPHQL_VALIDATION_FAILED"
    assert "Did you mean" not in owner.text and "name" not in owner.json()["errors"][0]["message"].split("'nam'")[-1]
    assert "Did you mean 'name'" in admin.json()["errors"][0]["message"]


async def test_every_response_carries_a_request_id_that_is_logged(edge_app, caplog):
    app = edge_app()
    with caplog.at_level(logging.INFO, logger="pawgraph.router.access"):
        fresh = await send(app, {"query": "{ __typename }"})
        echoed = await send(app, {"query": "{ __typename }"}, headers={"x-request-id": "lb-42.abc"})
    assert len(fresh.headers["x-request-id"]) == 32
    assert echoed.headers["x-request-id"] == "lb-42.abc"
    assert {"lb-42.abc", fresh.headers["x-request-id"]} <= {getattr(r, "request_id", None) for r in caplog.records}


async def test_refused_request_carries_a_request_id_too(edge_app):
    response = await send(edge_app(), method="GET", params={"query": "{ __typename }"})
    assert code(response) == "CSRF_PREVENTION" and response.headers["x-request-id"]


async def test_body_over_the_size_limit_is_refused_with_413(edge_app):
    big = orjson.dumps({"query": "{ __typename }", "variables": {"pad": "x" * 300_000}})
    response = await send(edge_app(), content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and code(response) == "REQUEST_TOO_LARGE"


async def test_batch_runs_each_operation(edge_app, world, issue_token):
    response = await send(edge_app(), [{"query": FLUTTER["MyPets"].document}, {"query": "{ __typename }"}],
                          token=token_for(world, issue_token, "owner@demo.test"))
    first, second = response.json()
    assert first["data"]["myPets"] and second == {"data": {"__typename": "Query"}}


async def test_batch_over_the_limit_is_refused_before_parsing(edge_app):
    response = await send(edge_app(), [{"query": "{ __typename }"}] * 9)
    assert code(response) == "BATCH_LIMIT_EXCEEDED"


async def test_batch_is_refused_when_batching_is_off(edge_app, settings):
    http = dataclasses.replace(router_edge(settings)["edge"].http, max_batch_size=0)
    response = await send(edge_app(http=http), [{"query": "{ __typename }"}])
    assert code(response) == "BATCHING_NOT_ENABLED"
