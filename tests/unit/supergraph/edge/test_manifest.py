"""The manifest: built from client-queries/, checked in up to date, reloadable, trusted lookups."""

import json
from pathlib import Path

import pytest

from auth.principal import Principal
from pawgraph.clientops import load_all
from pawgraph.persisted import MANIFEST_FILE, build, manifest_text
from supergraph.edge.config import PersistedConfig
from supergraph.edge.documents import DocumentResolver
from supergraph.edge.manifest import FORMAT, Manifest, ManifestSource, document_id
from supergraph.errors import GraphQLRequestError
from tests.support.paths import SCHEMA_FILE

PARTNER = Principal(user_id="p", roles=frozenset({"partner"}))
OWNER = Principal(user_id="o", roles=frozenset({"owner"}))


def write_manifest(path: Path, *bodies: tuple[str, str, str]) -> None:
    ops = [{"id": document_id(b), "name": n, "type": "query", "body": b, "clientName": c} for n, b, c in bodies]
    path.write_text(json.dumps({"format": FORMAT, "version": 1, "operations": ops}))


def test_checked_in_manifest_is_up_to_date():
    code, message = build(SCHEMA_FILE, check=True)
    assert code == 0, message


def test_manifest_has_every_client_and_ids_are_body_hashes():
    manifest = json.loads(MANIFEST_FILE.read_text())
    assert manifest["format"] == FORMAT and manifest["version"] == 1
    assert {op["clientName"] for op in manifest["operations"]} == {"admin", "flutter", "partners", "vue"}
    assert all(op["id"] == document_id(op["body"]) for op in manifest["operations"])
    assert len(manifest["operations"]) == len(load_all())


def test_stale_manifest_fails_the_check(tmp_path):
    stale = tmp_path / "manifest.json"
    stale.write_text(manifest_text(load_all()[:-1]))
    code, message = build(SCHEMA_FILE, check=True, manifest_file=stale)
    assert code == 1 and "stale" in message


def test_operation_that_stops_validating_fails_the_build(tmp_path):
    (tmp_path / "vue").mkdir()
    (tmp_path / "vue" / "Old.graphql").write_text("query Old { myPets { removedField } }")
    code, message = build(SCHEMA_FILE, check=True, root=tmp_path, manifest_file=tmp_path / "m.json")
    assert code == 1 and "vue/Old" in message


def test_manifest_with_a_wrong_id_is_not_loaded_and_the_previous_one_stays(tmp_path):
    path = tmp_path / "manifest.json"
    write_manifest(path, ("A", "{ a }", "partners"))
    source = ManifestSource(path, reload_interval=0)
    path.write_text(json.dumps({"format": FORMAT, "version": 1,
                                "operations": [{"id": "0" * 64, "name": "B", "body": "{ b }"}]}))
    assert source.reload() is False
    assert source.current().get(document_id("{ a }")) is not None


def test_changed_manifest_file_is_picked_up_without_restart(tmp_path):
    path = tmp_path / "manifest.json"
    write_manifest(path, ("A", "{ a }", "partners"))
    source = ManifestSource(path, reload_interval=0)
    assert source.current().get(document_id("{ b }")) is None
    write_manifest(path, ("A", "{ a }", "partners"), ("B", "{ b }", "partners"))
    assert source.current().get(document_id("{ b }")).name == "B"


def test_same_document_of_two_clients_is_allowed_for_both():
    body = "{ a }"
    manifest = Manifest.from_json(json.dumps({"format": FORMAT, "version": 1, "operations": [
        {"id": document_id(body), "name": "A", "body": body, "clientName": c} for c in ("vue", "partners")
    ]}).encode())
    assert manifest.get(document_id(body)).clients == {"vue", "partners"}


async def test_partner_text_is_refused_before_anything_is_parsed(tmp_path):
    write_manifest(tmp_path / "m.json", ("A", "{ a }", "partners"))
    resolver = DocumentResolver(PersistedConfig(), ManifestSource(tmp_path / "m.json"), None)
    with pytest.raises(GraphQLRequestError) as caught:
        await resolver.resolve({"query": "{ not even { valid"}, PARTNER)
    assert caught.value.code == "PERSISTED_QUERY_ID_REQUIRED"
    resolved = await resolver.resolve({"documentId": "sha256:" + document_id("{ a }")}, PARTNER)
    assert (resolved.query, resolved.operation_name) == ("{ a }", "A")


async def test_partner_may_not_run_another_clients_document(tmp_path):
    write_manifest(tmp_path / "m.json", ("A", "{ a }", "vue"))
    resolver = DocumentResolver(PersistedConfig(), ManifestSource(tmp_path / "m.json"), None)
    with pytest.raises(GraphQLRequestError) as caught:
        await resolver.resolve({"documentId": document_id("{ a }")}, PARTNER)
    assert caught.value.code == "PERSISTED_QUERY_NOT_IN_LIST"
    assert (await resolver.resolve({"documentId": document_id("{ a }")}, OWNER)).query == "{ a }"
