"""The persisted-query manifest (Apollo format), reloadable without a restart.

``client-queries/manifest.json`` (written by ``pawgraph persisted build``)::

    {"format": "apollo-persisted-query-manifest", "version": 1,
     "operations": [{"id": "<sha256 of body>", "name": "PetDashboard", "type": "query",
                     "body": "query PetDashboard ...", "clientName": "vue"}, ...]}

One entry per (id, clientName): the same document shipped by two clients appears twice.
``ManifestSource.current()`` re-reads the file when its modification time or size changed
(checked at most every ``reload_interval`` seconds); ``reload()`` forces it. A manifest that
fails to load keeps the previous one in service and is logged.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import orjson

log = logging.getLogger("pawgraph.router.persisted")

FORMAT = "apollo-persisted-query-manifest"


class ManifestError(ValueError):
    pass


@dataclass(frozen=True)
class PersistedOperation:
    id: str
    name: str
    type: str
    body: str
    clients: frozenset[str]


def document_id(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


class Manifest:
    def __init__(self, operations: Iterable[PersistedOperation] = ()) -> None:
        self._by_id: dict[str, PersistedOperation] = {}
        for op in operations:
            known = self._by_id.get(op.id)
            if known is not None:
                op = PersistedOperation(op.id, op.name, op.type, op.body, known.clients | op.clients)
            self._by_id[op.id] = op

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, doc_id: str) -> PersistedOperation | None:
        return self._by_id.get(doc_id)

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise ManifestError(f"manifest is not JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != 1:
            raise ManifestError(f"not an {FORMAT} version 1")
        return cls(_operation(entry) for entry in data.get("operations") or ())


def _operation(entry: Any) -> PersistedOperation:
    try:
        body, doc_id = entry["body"], entry["id"]
    except (TypeError, KeyError):
        raise ManifestError("manifest operation without id/body") from None
    if document_id(body) != doc_id:
        raise ManifestError(f"manifest operation {entry.get('name')!r}: id is not the sha256 of its body")
    client = entry.get("clientName")
    return PersistedOperation(doc_id, str(entry.get("name") or ""), str(entry.get("type") or "query"),
                              body, frozenset({client}) if client else frozenset())


class ManifestSource:
    """The manifest in service, re-read from ``path`` when the file changes."""

    def __init__(self, path: Path | None, reload_interval: float = 2.0) -> None:
        self.path = path
        self.reload_interval = reload_interval
        self._manifest = Manifest()
        self._stamp: tuple[int, int] | None = None
        self._checked = float("-inf")
        if path is not None:
            self.reload()

    def current(self) -> Manifest:
        if self.path is not None:
            now = time.monotonic()
            if now - self._checked >= self.reload_interval:
                self._checked = now
                if self._file_stamp() != self._stamp:
                    self.reload()
        return self._manifest

    def _file_stamp(self) -> tuple[int, int] | None:
        if self.path is None:  # no file: nothing to stamp
            return None
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def reload(self) -> bool:
        """Load the file now; False (previous manifest kept) when it is missing or invalid."""
        if self.path is None:
            raise TypeError("this store has no manifest file to reload")
        stamp = self._file_stamp()
        try:
            manifest = Manifest.from_json(Path(self.path).read_bytes())
        except (OSError, ManifestError) as exc:
            log.error("persisted-query manifest %s not loaded: %s", self.path, exc)
            self._stamp = stamp
            return False
        self._manifest, self._stamp = manifest, stamp
        log.info("persisted-query manifest loaded: %d documents from %s", len(manifest), self.path)
        return True
