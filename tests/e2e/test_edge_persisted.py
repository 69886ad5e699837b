"""Trusted documents for partners, APQ in Redis for first-party apps, safelisting, reloads."""

import dataclasses
import json
import logging
import uuid

from supergraph.edge.config import SafelistMode
from supergraph.edge.manifest import FORMAT
from tests.support.edge import FLUTTER, PARTNERS, code, doc_id, send, token_for

CLINIC = PARTNERS["PartnerClinic"]


async def test_partner_runs_a_partner_document_by_document_id(edge_app, world, issue_token):
    app = edge_app()
    clinic = world.clinics[0]
    response = await send(app, {"documentId": f"sha256:{doc_id(CLINIC.document)}", "variables": {"id": clinic.id}},
                          token=token_for(world, issue_token, "partner@demo.test"))
    assert response.status_code == 200, response.text
    assert response.json()["data"]["clinic"]["name"] == clinic.name


async def test_partner_runs_a_partner_document_by_apq_hash(edge_app, world, issue_token):
    clinic = world.clinics[0]
    response = await send(edge_app(), {
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": doc_id(CLINIC.document)}},
        "variables": {"id": clinic.id}}, token=token_for(world, issue_token, "partner@demo.test"))
    assert response.json()["data"]["clinic"]["id"] == clinic.id


async def test_partner_sending_query_text_is_refused_with_id_required(edge_app, world, issue_token):
    response = await send(edge_app(), {"query": CLINIC.document, "variables": {"id": world.clinics[0].id}},
                          token=token_for(world, issue_token, "partner@demo.test"))
    assert response.status_code == 400
    assert code(response) == "PERSISTED_QUERY_ID_REQUIRED"


async def test_partner_sending_unknown_id_is_refused_not_in_list(edge_app, world, issue_token):
    response = await send(edge_app(), {"documentId": "0" * 64},
                          token=token_for(world, issue_token, "partner@demo.test"))
    assert code(response) == "PERSISTED_QUERY_NOT_IN_LIST"


async def test_partner_running_an_owner_app_document_is_refused_not_in_list(edge_app, world, issue_token):
    response = await send(edge_app(), {"documentId": doc_id(FLUTTER["MyPets"].document)},
                          token=token_for(world, issue_token, "partner@demo.test"))
    assert code(response) == "PERSISTED_QUERY_NOT_IN_LIST"


async def test_owner_app_runs_a_manifest_document_by_id(edge_app, world, issue_token):
    response = await send(edge_app(), {"documentId": doc_id(FLUTTER["MyPets"].document)},
                          token=token_for(world, issue_token, "owner@demo.test"))
    assert "errors" not in response.json(), response.json()
    assert response.json()["data"]["myPets"]


async def test_apq_round_trip_is_shared_by_two_router_instances(edge_app, world, issue_token):
    token = token_for(world, issue_token, "owner@demo.test")
    query = f"query Apq{uuid.uuid4().hex[:8]} {{ myPets {{ name }} }}"
    ext = {"persistedQuery": {"version": 1, "sha256Hash": doc_id(query)}}
    first, second = edge_app(), edge_app()
    missing = await send(first, {"extensions": ext}, token=token)
    registered = await send(first, {"extensions": ext, "query": query}, token=token)
    from_other = await send(second, {"extensions": ext}, token=token)
    assert code(missing) == "PERSISTED_QUERY_NOT_FOUND"
    assert registered.json()["data"]["myPets"]
    assert from_other.json() == registered.json()


async def test_apq_hash_that_does_not_match_the_query_is_refused(edge_app, world, issue_token):
    ext = {"persistedQuery": {"version": 1, "sha256Hash": "a" * 64}}
    response = await send(edge_app(), {"extensions": ext, "query": "{ myPets { name } }"},
                          token=token_for(world, issue_token, "owner@demo.test"))
    assert code(response) == "PERSISTED_QUERY_HASH_MISMATCH"


async def test_safelist_enforced_refuses_unlisted_text_but_not_for_admins(edge_app, world, issue_token, settings):
    from pawgraph.assembly import router_edge

    persisted = dataclasses.replace(router_edge(settings)["edge"].persisted, safelist=SafelistMode.ENFORCE)
    app = edge_app(persisted=persisted)
    unlisted = {"query": "{ myPets { name } }"}
    owner = await send(app, unlisted, token=token_for(world, issue_token, "owner@demo.test"))
    admin = await send(app, unlisted, token=token_for(world, issue_token, "admin@demo.test"))
    listed = await send(app, {"query": FLUTTER["MyPets"].document},
                        token=token_for(world, issue_token, "owner@demo.test"))
    assert code(owner) == "PERSISTED_QUERY_NOT_IN_LIST"
    assert code(admin) != "PERSISTED_QUERY_NOT_IN_LIST"
    assert listed.json()["data"]["myPets"]


async def test_safelist_log_mode_accepts_and_logs_unlisted_text(edge_app, world, issue_token, settings, caplog):
    from pawgraph.assembly import router_edge

    persisted = dataclasses.replace(router_edge(settings)["edge"].persisted, safelist=SafelistMode.LOG)
    with caplog.at_level(logging.WARNING, logger="pawgraph.router.persisted"):
        response = await send(edge_app(persisted=persisted), {"query": "query Unlisted { myPets { name } }",
                                                              "operationName": "Unlisted"},
                              token=token_for(world, issue_token, "owner@demo.test"))
    assert response.json()["data"]["myPets"]
    assert any("Unlisted" in r.getMessage() for r in caplog.records)


async def test_manifest_reload_lets_partners_run_a_new_document_without_restart(
        edge_app, world, issue_token, settings, tmp_path):
    from pawgraph.assembly import router_edge

    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"format": FORMAT, "version": 1, "operations": []}))
    persisted = dataclasses.replace(router_edge(settings)["edge"].persisted, manifest_path=path)
    app = edge_app(persisted=persisted)
    token = token_for(world, issue_token, "partner@demo.test")
    request = {"documentId": doc_id(CLINIC.document), "variables": {"id": world.clinics[0].id}}
    before = await send(app, request, token=token)
    path.write_text(json.dumps({"format": FORMAT, "version": 1, "operations": [
        {"id": doc_id(CLINIC.document), "name": CLINIC.name, "type": "query", "body": CLINIC.document,
         "clientName": "partners"}]}))
    assert app.state.edge.manifest.reload()
    after = await send(app, request, token=token)
    assert code(before) == "PERSISTED_QUERY_NOT_IN_LIST"
    assert after.json()["data"]["clinic"]["name"] == world.clinics[0].name
