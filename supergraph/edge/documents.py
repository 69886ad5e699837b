"""Which document a request runs: trusted documents, APQ, safelisting - before any parsing.

A request names its document by text (``query``), by id (``documentId``, plain or
``sha256:<hex>``; or ``extensions.persistedQuery.sha256Hash``, APQ version 1) or both.

* Principals with a trusted-document role (partners): id only, and only ids of the
  manifest's ``trusted_client_name`` operations. A text -> ``PERSISTED_QUERY_ID_REQUIRED``;
  an unknown id -> ``PERSISTED_QUERY_NOT_IN_LIST``. Nothing of theirs reaches the parser
  unless it came from the manifest.
* Everyone else: a manifest id runs that document; otherwise APQ - an id alone is looked up
  in Redis (missing -> ``PERSISTED_QUERY_NOT_FOUND``, the client resends id + text), id + text
  is checked (``PERSISTED_QUERY_HASH_MISMATCH``) and stored. A text outside the manifest is
  accepted, logged or refused (``PERSISTED_QUERY_NOT_IN_LIST``) by ``PersistedConfig.safelist``;
  exempt roles (admins) are never refused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Mapping

from supergraph.edge.apq import APQStore
from supergraph.edge.config import PersistedConfig, SafelistMode, roles_of
from supergraph.edge.manifest import ManifestSource, PersistedOperation, document_id
from supergraph.errors import ErrorCode, GraphQLRequestError

log = logging.getLogger("pawgraph.router.persisted")


@dataclass(frozen=True)
class ResolvedDocument:
    query: str
    operation_name: str | None
    persisted: bool  # came from the manifest or the APQ store


def _requested_id(payload: Mapping[str, Any]) -> str | None:
    doc_id = payload.get("documentId")
    if doc_id is None:
        extensions = payload.get("extensions")
        pq = extensions.get("persistedQuery") if isinstance(extensions, Mapping) else None
        if pq is None:
            return None
        if not isinstance(pq, Mapping) or pq.get("version", 1) != 1:
            raise GraphQLRequestError(ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
                                      "Only persistedQuery version 1 is supported.")
        doc_id = pq.get("sha256Hash")
    if not isinstance(doc_id, str) or not doc_id:
        raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "A document id must be a non-empty string.")
    return doc_id.removeprefix("sha256:").lower()


def _text(payload: Mapping[str, Any]) -> str | None:
    query = payload.get("query")
    if query is None or query == "":
        return None
    if not isinstance(query, str):
        raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "query must be a string.")
    return query


def _from_manifest(op: PersistedOperation, payload: Mapping[str, Any]) -> ResolvedDocument:
    name = payload.get("operationName") or (op.name or None)
    return ResolvedDocument(op.body, name, True)


class DocumentResolver:
    def __init__(self, config: PersistedConfig, manifest: ManifestSource, apq: APQStore | None) -> None:
        self.config = config
        self.manifest = manifest
        self.apq = apq if config.apq else None

    async def resolve(self, payload: Mapping[str, Any], principal: Any) -> ResolvedDocument:
        roles = roles_of(principal)
        doc_id, text = _requested_id(payload), _text(payload)
        if roles & self.config.trusted_document_roles:
            return self._trusted(doc_id, text, payload)
        if doc_id is not None:
            op = self.manifest.current().get(doc_id)
            if op is not None and (text is None or text == op.body):
                return _from_manifest(op, payload)
            return await self._apq(doc_id, text, payload, roles)
        if text is None:
            raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "Must provide query string.")
        self._safelist(document_id(text), payload, roles)
        return ResolvedDocument(text, payload.get("operationName"), False)

    def _trusted(self, doc_id: str | None, text: str | None, payload: Mapping[str, Any]) -> ResolvedDocument:
        if text is not None or doc_id is None:
            raise GraphQLRequestError(ErrorCode.PERSISTED_QUERY_ID_REQUIRED,
                                      "This client may only send persisted document ids.")
        op = self.manifest.current().get(doc_id)
        if op is None or self.config.trusted_client_name not in op.clients:
            raise GraphQLRequestError(ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
                                      "This document id is not in the persisted-query list.")
        return _from_manifest(op, payload)

    async def _apq(self, doc_id: str, text: str | None, payload: Mapping[str, Any],
                   roles: frozenset[str]) -> ResolvedDocument:
        if self.apq is None:
            raise GraphQLRequestError(ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
                                      "Automatic persisted queries are not enabled.")
        if text is None:
            stored = await self.apq.get(doc_id)
            if stored is None:
                raise GraphQLRequestError(ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound")
            return ResolvedDocument(stored, payload.get("operationName"), True)
        if document_id(text) != doc_id:
            raise GraphQLRequestError(ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
                                      "The sha256Hash does not match the query.")
        self._safelist(doc_id, payload, roles)
        await self.apq.put(doc_id, text)
        return ResolvedDocument(text, payload.get("operationName"), True)

    def _safelist(self, doc_id: str, payload: Mapping[str, Any], roles: frozenset[str]) -> None:
        mode = self.config.safelist
        if mode is SafelistMode.OFF or self.manifest.current().get(doc_id) is not None:
            return
        if mode is SafelistMode.ENFORCE and not roles & self.config.safelist_exempt_roles:
            raise GraphQLRequestError(ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
                                      "This document is not in the persisted-query list.")
        log.warning("document outside the persisted-query list: id=%s operationName=%s",
                    doc_id, payload.get("operationName"))
