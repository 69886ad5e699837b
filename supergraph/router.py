"""The router without HTTP: parse -> validate -> authorize -> plan -> execute -> shape.

``Router`` is what ``supergraph.http`` serves and what tests can call directly::

    router = Router(sdl, transports, identity_headers=...)
    result = await router.execute(query, variables, operation_name, principal)

Caches: parse + validation by document hash; the prepared operation (normalized
selections) by (hash, operation name), shared by texts that differ only in spacing, commas
or comments (``token_key``); plans by (hash, operation name, variant), where
the variant is the request's ``@skip``/``@include`` values and the fields authorization
removed (usually none); response shapers per prepared operation and condition values.
``planner.hits`` / ``planner.misses`` count plan-cache use.

Introspection (``__schema``/``__type``) is answered by the router from the API schema,
also when mixed with ordinary fields. An admin (``"admin" in principal.roles``) may ask
for the printed query plan (``include_plan=True``): it comes back in
``extensions.queryPlan``.
"""

from __future__ import annotations

import hashlib
import logging
import random
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    SelectionSetNode,
    execute as graphql_execute,
)
from graphql.execution.values import get_variable_values

from supergraph.errors import ErrorCode, GraphQLRequestError, MASKED_MESSAGE, error_entry
from supergraph.execution.executor import Executor
from supergraph.execution.shaping import Shaper, compile_shaper
from supergraph.planning.authorization import AuthorizationRules, authorize, expand_paths
from supergraph.planning.cache import LRUCache, token_key
from supergraph.planning.conditions import apply_conditions, condition_key, directive_variables
from supergraph.planning.groups import PlanningError
from supergraph.planning.operation import CSelection, OperationError, fragments_of, normalize, select_operation
from supergraph.planning.plan import QueryPlan, print_plan
from supergraph.planning.planner import QueryPlanner
from supergraph.planning.supergraph import Supergraph, label_active
from supergraph.planning.validation import parse_document, validate_document
from supergraph.transport.base import SubgraphTransport
from supergraph.transport.breaker import SubgraphPolicy

log = logging.getLogger(__name__)

IdentityHeaders = Callable[[str, bytes, Any], Mapping[str, str]]
_INTROSPECTION = frozenset({"__schema", "__type"})


def no_identity_headers(subgraph: str, body: bytes, principal: Any) -> Mapping[str, str]:
    return {}


def is_admin(principal: Any) -> bool:
    return "admin" in (getattr(principal, "roles", None) or ())


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
    shapers: LRUCache[Shaper] = field(default_factory=lambda: LRUCache(64))
    conditioned: LRUCache[tuple] = field(default_factory=lambda: LRUCache(64))
    # (conditions, authenticated, scopes) -> (allowed selections, errors of removed fields)
    authorized: LRUCache[tuple] = field(default_factory=lambda: LRUCache(256))


@dataclass
class RouterResponse:
    body: dict[str, Any]
    status: int = 200


def _error_messages(errors: list[GraphQLError], code: ErrorCode) -> list[dict[str, Any]]:
    return [error_entry(e.message, code) for e in errors]


def _introspection_document(document: DocumentNode, operation: OperationDefinitionNode) -> DocumentNode | None:
    nodes = [s for s in operation.selection_set.selections
             if isinstance(s, FieldNode) and s.name.value in _INTROSPECTION]
    if not nodes:
        return None
    reduced = replace(operation, selection_set=SelectionSetNode(selections=tuple(nodes)))
    others = [d for d in document.definitions if not isinstance(d, OperationDefinitionNode)]
    return DocumentNode(definitions=(reduced, *others))


class Router:
    def __init__(
        self,
        supergraph: str | Supergraph,
        transports: Mapping[str, SubgraphTransport],
        identity_headers: IdentityHeaders = no_identity_headers,
        *,
        dev: bool = False,
        cache_size: int = 1024,
        policies: Mapping[str, SubgraphPolicy] | None = None,
        default_policy: SubgraphPolicy | None = None,
        policy: Any = None,
    ) -> None:
        """``policy``: the edge's rules around parse/validate (``supergraph.edge.policy``):
        ``parse(query)``, ``check_document(document)`` (cached with the document) and
        ``check_operation(schema, prepared, coerced, principal)`` before any fetch.
        ``policies``: per-subgraph timeouts and circuit breakers (``SubgraphPolicy``)."""
        self.supergraph = supergraph if isinstance(supergraph, Supergraph) else Supergraph.from_sdl(supergraph)
        self.schema: GraphQLSchema = self.supergraph.api_schema
        self.transports = transports
        self.dev = dev
        self.policy = policy
        self.planner = QueryPlanner(self.supergraph, cache_size)
        self.executor = Executor(transports, identity_headers, policies=policies, default_policy=default_policy)
        specs = self.supergraph.specs
        self.rules = AuthorizationRules(
            self.supergraph.document, specs.prefix("authenticated"), specs.prefix("requiresScopes"))
        self._documents: LRUCache[DocumentNode | GraphQLRequestError] = LRUCache(cache_size)
        self._prepared: LRUCache[PreparedOperation | GraphQLRequestError] = LRUCache(cache_size)
        # (token_key, operation name) -> a valid preparation, for texts not seen before
        self._by_tokens: LRUCache[PreparedOperation] = LRUCache(cache_size)
        self.requests_total = 0
        self.errors_total: dict[str, int] = {}

    # ---- request path --------------------------------------------------------
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
            entries = _error_messages(errors, ErrorCode.GRAPHQL_VALIDATION_FAILED)
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
            getattr(s, "name", None) in _INTROSPECTION | {"__typename"} for s in selections
        )
        return PreparedOperation(
            document, operation, operation.operation.value, query_hash, selections,
            directive_variables(selections), introspection_only,
            _introspection_document(document, operation),
        )

    def plan(self, prepared: PreparedOperation, coerced: Mapping[str, Any], principal: Any) -> tuple[QueryPlan, list]:
        """The plan for this request (cached) and the errors of fields authorization removed."""
        conditions = condition_key(prepared.directive_vars, coerced)
        selections = prepared.conditioned.get(conditions)
        if selections is None:
            selections = prepared.conditioned.put(conditions, apply_conditions(prepared.selections, coerced))
        selections, denied = self._authorize(prepared, conditions, selections, principal)
        variant = (conditions, tuple(tuple(e["path"]) for e in denied))
        labels = frozenset(label for label in self.supergraph.progressive_labels
                           if label_active(label, random.uniform(0, 100)))
        plan = self.planner.plan(prepared.document, prepared.operation.name.value if prepared.operation.name
                                 else None, prepared.hash, selections=selections, variant=variant, labels=labels)
        return plan, denied

    def _authorize(self, prepared: PreparedOperation, conditions: tuple, selections: tuple,
                   principal: Any) -> tuple[tuple, list]:
        if not self.rules:
            return selections, []
        key = (conditions, bool(getattr(principal, "is_authenticated", False)),
               frozenset(getattr(principal, "scopes", None) or ()))
        cached = prepared.authorized.get(key)
        if cached is None:
            root = self.schema.get_root_type(prepared.operation.operation)
            cached = prepared.authorized.put(key, authorize(self.schema, self.rules, root, selections, principal))  # type: ignore[arg-type]
        allowed, denied = cached
        return allowed, [dict(e, path=list(e["path"])) for e in denied]

    def coerce_variables(self, prepared: PreparedOperation, variables: Mapping[str, Any] | None) -> dict[str, Any]:
        if variables is not None and not isinstance(variables, Mapping):
            raise GraphQLRequestError(ErrorCode.BAD_USER_INPUT, "Variables must be an object.")
        result = get_variable_values(
            self.schema, prepared.operation.variable_definitions or (), dict(variables or {})
        )
        if isinstance(result, list):
            entries = _error_messages(result, ErrorCode.BAD_USER_INPUT)
            raise GraphQLRequestError(ErrorCode.BAD_USER_INPUT, result[0].message, errors=entries)
        return getattr(result, "coerced", result)  # graphql-core 3.3: VariableValues

    def shaper(self, prepared: PreparedOperation, coerced: Mapping[str, Any]) -> Shaper:
        key = condition_key(prepared.directive_vars, coerced)
        shaper = prepared.shapers.get(key)
        if shaper is None:
            root = self.schema.get_root_type(prepared.operation.operation)
            shaper = prepared.shapers.put(key, compile_shaper(self.schema, root, prepared.selections, coerced))
        return shaper

    # ---- public API ------------------------------------------------------------
    async def execute(
        self,
        query: str,
        variables: Mapping[str, Any] | None = None,
        operation_name: str | None = None,
        principal: Any = None,
    ) -> dict[str, Any]:
        return (await self.handle(query, variables, operation_name, principal)).body

    async def handle(
        self,
        query: str,
        variables: Mapping[str, Any] | None = None,
        operation_name: str | None = None,
        principal: Any = None,
        *,
        allow_mutations: bool = True,
        include_plan: bool = False,
    ) -> RouterResponse:
        self.requests_total += 1
        try:
            return await self._handle(query, variables, operation_name, principal, allow_mutations, include_plan)
        except GraphQLRequestError as exc:
            self._count(exc.code)
            return RouterResponse(exc.to_response(), exc.status)
        except Exception as exc:  # noqa: BLE001 - a valid operation never gets a 500
            if isinstance(exc, PlanningError):
                log.warning("operation could not be planned: %s", exc)
            else:
                log.exception("router request failed")
            self._count(ErrorCode.INTERNAL_SERVER_ERROR)
            message = (str(exc) or MASKED_MESSAGE) if self.dev else MASKED_MESSAGE
            return RouterResponse({"data": None, "errors": [error_entry(message, ErrorCode.INTERNAL_SERVER_ERROR)]})

    async def _handle(
        self, query: Any, variables: Any, operation_name: Any, principal: Any, allow_mutations: bool,
        include_plan: bool,
    ) -> RouterResponse:
        if not isinstance(query, str) or not query.strip():
            raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "Must provide query string.")
        if operation_name is not None and not isinstance(operation_name, str):
            raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "operationName must be a string.")
        prepared = self.prepare(query, operation_name)
        if prepared.kind != "query" and not allow_mutations:
            raise GraphQLRequestError(
                ErrorCode.OPERATION_NOT_ALLOWED, f"Can only perform a {prepared.kind} operation from a POST request."
            )
        if prepared.kind == "subscription":
            raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "Subscriptions are served over WebSocket.")
        coerced = self.coerce_variables(prepared, variables)
        if self.policy is not None:
            self.policy.check_operation(self.schema, prepared, coerced, principal)
        if prepared.introspection_only:
            return RouterResponse(self._introspect(prepared.document, prepared, coerced))
        plan, errors = self.plan(prepared, coerced, principal)
        data, fetch_errors = await self.executor.run(plan, coerced, principal)
        errors.extend(fetch_errors)
        if prepared.introspection is not None:
            answered = self._introspect(prepared.introspection, prepared, coerced)
            data.update(answered.get("data") or {})
            errors.extend(answered.get("errors") or ())
        shaped = self.shaper(prepared, coerced).shape(data, errors)
        errors = expand_paths(errors, shaped)  # authorization errors get their list indices
        body: dict[str, Any] = {"data": shaped}
        if errors:
            body["errors"] = errors
            for error in errors:
                self._count((error.get("extensions") or {}).get("code") or "SUBGRAPH_ERROR")
        if include_plan and is_admin(principal):
            body["extensions"] = {"queryPlan": print_plan(plan)}
        return RouterResponse(body)

    def _introspect(self, document: DocumentNode, prepared: PreparedOperation,
                    variables: Mapping[str, Any]) -> dict[str, Any]:
        result = graphql_execute(
            self.schema, document, variable_values=dict(variables),
            operation_name=prepared.operation.name.value if prepared.operation.name else None,
        )
        body: dict[str, Any] = {"data": result.data}  # type: ignore[union-attr]
        if result.errors:  # type: ignore[union-attr]
            body["errors"] = [error_entry(e.message, ErrorCode.INTERNAL_SERVER_ERROR) for e in result.errors]  # type: ignore[union-attr]
        return body

    def _count(self, code: str) -> None:
        self.errors_total[str(code)] = self.errors_total.get(str(code), 0) + 1

    async def aclose(self) -> None:
        for transport in self.transports.values():
            close = getattr(transport, "aclose", None)
            if close is not None:
                await close()
