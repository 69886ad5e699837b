"""A request's operation made ready for planning: parse -> validate -> normalize ->
variables -> ``@skip``/``@include`` -> authorization.

``Preparation`` holds a router's request caches: parse + validation by document hash; the
prepared operation (normalized selections) by (hash, operation name), shared by texts that
differ only in spacing, commas or comments (``token_key``). Each ``PreparedOperation``
caches its selections per condition values (``conditioned``) and what authorization
allows per (conditions, authenticated, scopes) (``authorized``); the router keeps its
response shapers there too (``shapers``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.execution.values import get_variable_values

from supergraph.errors import ErrorCode, GraphQLRequestError, error_entry
from supergraph.request.authorization import AuthorizationRules, authorize
from supergraph.request.cache import LRUCache, token_key
from supergraph.request.conditions import apply_conditions, condition_key, directive_variables
from supergraph.request.operation import CSelection, OperationError, fragments_of, normalize, select_operation
from supergraph.request.parsing import parse_document
from supergraph.request.validation import validate_document

INTROSPECTION = frozenset({"__schema", "__type"})


@dataclass
class PreparedOperation:
    document: DocumentNode
    operation: OperationDefinitionNode
    kind: str
    hash: str
    selections: tuple[CSelection, ...]
    directive_vars: tuple[str, ...]
    introspection_only: bool
    # the operation reduced to its __schema/__type root fields (None: there are none)
    introspection: DocumentNode | None
    shapers: LRUCache[Any] = field(default_factory=lambda: LRUCache(64))
    conditioned: LRUCache[tuple] = field(default_factory=lambda: LRUCache(64))
    # (conditions, authenticated, scopes) -> (allowed selections, errors of removed fields)
    authorized: LRUCache[tuple] = field(default_factory=lambda: LRUCache(256))


def error_messages(errors: list[GraphQLError], code: ErrorCode) -> list[dict[str, Any]]:
    return [error_entry(e.message, code) for e in errors]


def introspection_document(document: DocumentNode, operation: OperationDefinitionNode) -> DocumentNode | None:
    nodes = [s for s in operation.selection_set.selections
             if isinstance(s, FieldNode) and s.name.value in INTROSPECTION]
    if not nodes:
        return None
    reduced = replace(operation, selection_set=SelectionSetNode(selections=tuple(nodes)))
    others = [d for d in document.definitions if not isinstance(d, OperationDefinitionNode)]
    return DocumentNode(definitions=(reduced, *others))


class Preparation:
    """Parse, validate, normalize (all cached); variables, conditions and authorization.

    ``policy``: the edge's rules around parse/validate (``supergraph.edge.policy``):
    ``parse(query)`` and ``check_document(document)`` (cached with the document)."""

    def __init__(self, schema: GraphQLSchema, rules: AuthorizationRules, *, policy: Any = None,
                 cache_size: int = 1024) -> None:
        self.schema = schema
        self.rules = rules
        self.policy = policy
        self._documents: LRUCache[DocumentNode | GraphQLRequestError] = LRUCache(cache_size)
        self._prepared: LRUCache[PreparedOperation | GraphQLRequestError] = LRUCache(cache_size)
        # (token_key, operation name) -> a valid preparation, for texts not seen before
        self._by_tokens: LRUCache[PreparedOperation] = LRUCache(cache_size)

    def document(self, query: str, query_hash: str) -> DocumentNode:
        cached = self._documents.get(query_hash)
        if cached is None:
            cached = self._documents.put(query_hash, self._parse_and_validate(query))
        if isinstance(cached, GraphQLRequestError):
            raise cached
        return cached

    def _parse_and_validate(self, query: str) -> DocumentNode | GraphQLRequestError:
        try:
            # No source locations (error entries carry none): a cached document then holds
            # neither Location objects nor the token chain, less for the GC to walk.
            document = self.policy.parse(query) if self.policy is not None else parse_document(query, no_location=True)
            if self.policy is not None:
                self.policy.check_document(document)
        except GraphQLRequestError as exc:
            return exc
        except GraphQLError as exc:
            return GraphQLRequestError(ErrorCode.GRAPHQL_PARSE_FAILED, exc.message)
        errors = validate_document(self.schema, document)
        if errors:
            entries = error_messages(errors, ErrorCode.GRAPHQL_VALIDATION_FAILED)
            return GraphQLRequestError(ErrorCode.GRAPHQL_VALIDATION_FAILED, errors[0].message, errors=entries)
        return document

    def prepare(self, query: str, operation_name: str | None) -> PreparedOperation:
        """Parse, validate and normalize (all cached)."""
        query_hash = hashlib.sha256(query.encode()).hexdigest()
        key = (query_hash, operation_name)
        cached = self._prepared.get(key)
        if cached is None:
            cached = self._prepared.put(key, self._prepare_text(query, query_hash, operation_name))
        if isinstance(cached, GraphQLRequestError):
            raise cached
        return cached

    def _prepare_text(self, query: str, query_hash: str, operation_name: str | None) -> Any:
        """A text seen for the first time: when it has the same tokens as a known valid
        document (only spacing, commas or comments differ), that document's preparation."""
        tokens = token_key(query)
        if tokens is not None:
            shared = self._by_tokens.get((tokens, operation_name))
            if shared is not None:
                return shared
        prepared = self._prepare(query, query_hash, operation_name)
        if tokens is not None and isinstance(prepared, PreparedOperation):
            self._by_tokens.put((tokens, operation_name), prepared)
        return prepared

    def _prepare(self, query: str, query_hash: str, operation_name: str | None) -> Any:
        try:
            document = self.document(query, query_hash)
            operation = select_operation(document, operation_name)
        except GraphQLRequestError as exc:
            return exc
        except OperationError as exc:
            return GraphQLRequestError(ErrorCode.GRAPHQL_VALIDATION_FAILED, str(exc))
        selections = normalize(operation.selection_set, fragments_of(document))
        introspection_only = all(
            getattr(s, "name", None) in INTROSPECTION | {"__typename"} for s in selections
        )
        return PreparedOperation(
            document, operation, operation.operation.value, query_hash, selections,
            directive_variables(selections), introspection_only,
            introspection_document(document, operation),
        )

    def coerce_variables(self, prepared: PreparedOperation, variables: Mapping[str, Any] | None) -> dict[str, Any]:
        if variables is not None and not isinstance(variables, Mapping):
            raise GraphQLRequestError(ErrorCode.BAD_USER_INPUT, "Variables must be an object.")
        result = get_variable_values(
            self.schema, prepared.operation.variable_definitions or (), dict(variables or {})
        )
        if isinstance(result, list):
            entries = error_messages(result, ErrorCode.BAD_USER_INPUT)
            raise GraphQLRequestError(ErrorCode.BAD_USER_INPUT, result[0].message, errors=entries)
        return result.coerced  # graphql-core 3.3 (pinned): VariableValues

    def selections(self, prepared: PreparedOperation, coerced: Mapping[str, Any],
                   principal: Any) -> tuple[tuple[CSelection, ...], list, tuple]:
        """The selections to plan for this request (conditions applied, unauthorized fields
        removed; cached), the errors of the removed fields and the plan variant telling
        plans of one document apart (condition values, removed paths)."""
        conditions = condition_key(prepared.directive_vars, coerced)
        selections = prepared.conditioned.get(conditions)
        if selections is None:
            selections = prepared.conditioned.put(conditions, apply_conditions(prepared.selections, coerced))
        selections, denied = self._authorize(prepared, conditions, selections, principal)
        variant = (conditions, tuple(tuple(e["path"]) for e in denied))
        return selections, denied, variant

    def _authorize(self, prepared: PreparedOperation, conditions: tuple, selections: tuple,
                   principal: Any) -> tuple[tuple, list]:
        if not self.rules:
            return selections, []
        key = (conditions, bool(getattr(principal, "is_authenticated", False)),
               frozenset(getattr(principal, "scopes", None) or ()))
        cached = prepared.authorized.get(key)
        if cached is None:
            root = self.schema.get_root_type(prepared.operation.operation)
            assert root is not None  # validation (KnownOperationTypes) refused a root the schema lacks
            authorized = authorize(self.schema, self.rules, root, selections, principal)
            cached = prepared.authorized.put(key, authorized)
        allowed, denied = cached
        return allowed, [dict(e, path=list(e["path"])) for e in denied]
