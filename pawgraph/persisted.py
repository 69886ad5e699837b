"""`pawgraph persisted build [--check]`: ``client-queries/manifest.json`` from the client operations.

Every operation of ``client-queries/<client>/*.graphql`` (with the fragments it uses, printed
by ``pawgraph.clientops``) is validated against the API schema of ``schema.graphql``; the
manifest is the Apollo persisted-query manifest (``format``/``version``/``operations`` with
``id`` = sha256 of ``body``, ``name``, ``type``) plus ``clientName`` = the folder, which the
router uses to let partners run only ``partners/`` operations. Entries are sorted by
(clientName, name), so the file is stable and diffs read well. ``--check`` fails when an
operation no longer validates or the file differs from what would be written.
"""

from __future__ import annotations

import json
from pathlib import Path

from graphql import OperationDefinitionNode, build_schema, parse, validate

from pawgraph.clientops import ROOT as CLIENT_QUERIES
from pawgraph.clientops import ClientOperation, load_all
from supergraph.edge.manifest import FORMAT, document_id
from supergraph.spec.api_schema import api_schema_sdl

MANIFEST_FILE = CLIENT_QUERIES / "manifest.json"


def _type(op: ClientOperation) -> str:
    for definition in parse(op.document).definitions:
        if isinstance(definition, OperationDefinitionNode):
            return definition.operation.value
    raise ValueError(f"{op.client}/{op.name}: no operation")


def validation_errors(operations: list[ClientOperation], supergraph_sdl: str) -> list[str]:
    api = build_schema(api_schema_sdl(supergraph_sdl))
    return [f"{op.client}/{op.name}: {e.message}"
            for op in operations for e in validate(api, parse(op.document))]


def manifest_text(operations: list[ClientOperation]) -> str:
    entries = [{"id": document_id(op.document), "name": op.name, "type": _type(op), "body": op.document,
                "clientName": op.client}
               for op in sorted(operations, key=lambda o: (o.client, o.name))]
    manifest = {"format": FORMAT, "version": 1, "operations": entries}
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def build(schema_file: Path, *, check: bool, root: Path = CLIENT_QUERIES,
          manifest_file: Path = MANIFEST_FILE) -> tuple[int, str]:
    """(exit code, message) for the CLI."""
    operations = [op for op in load_all(root)]
    errors = validation_errors(operations, schema_file.read_text())
    if errors:
        return 1, "operations that do not validate against schema.graphql:\n  " + "\n  ".join(errors)
    text = manifest_text(operations)
    if check:
        if not manifest_file.exists() or manifest_file.read_text() != text:
            return 1, f"{manifest_file.name} is stale: run `pawgraph persisted build`"
        return 0, f"{manifest_file.name} is up to date ({len(operations)} operations)"
    manifest_file.write_text(text)
    return 0, f"wrote {manifest_file.name} ({len(operations)} operations)"
