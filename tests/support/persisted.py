"""Running the clients' persisted operations through the router by their manifest id (what a
shipped app or a partner sends), from the checked-in ``client-queries/manifest.json``."""

from __future__ import annotations

import json

from pawgraph.persisted import MANIFEST_FILE


def document_ids() -> dict[tuple[str, str], str]:
    """(client, operation name) -> persisted document id, from the generated manifest."""
    manifest = json.loads(MANIFEST_FILE.read_text())
    return {(op["clientName"], op["name"]): op["id"] for op in manifest["operations"]}


async def run_persisted(router, client: str, name: str, variables: dict, token: str) -> dict:
    """Run a client operation by its manifest id through the router; its ``data`` (no errors)."""
    response = await router.post({"documentId": document_ids()[(client, name)],
                                  "operationName": name, "variables": variables}, token)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]
