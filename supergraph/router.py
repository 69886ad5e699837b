"""The router without HTTP: parse -> validate -> plan -> execute -> shape.

``Router`` is what ``supergraph.http`` serves and what tests can call directly::

    router = Router(sdl, transports, identity_headers=...)
    result = await router.execute(query, variables, operation_name, principal)

Parsing and validation are cached by document hash, plans by (hash, operation name),
response shapers per plan and ``@skip``/``@include`` variable values.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    execute as graphql_execute,
    parse,
    validate,
)
from graphql.execution.values import get_variable_values

from supergraph.errors import ErrorCode, GraphQLRequestError, MASKED_MESSAGE, error_entry
from supergraph.execution.executor import Executor
from supergraph.execution.shaping import Shaper, compile_shaper, directive_variables
from supergraph.planning.cache import LRUCache
from supergraph.planning.operation import CSelection, OperationError, fragments_of, normalize, select_operation
from supergraph.planning.plan import QueryPlan
from supergraph.planning.planner import QueryPlanner
from supergraph.planning.supergraph import Supergraph
from supergraph.transport.base import SubgraphTransport

log = logging.getLogger(__name__)

IdentityHeaders = Callable[[str, bytes, Any], Mapping[str, str]]
_INTROSPECTION = frozenset({"__schema", "__type", "__typename"})


def no_identity_headers(subgraph: str, body: bytes, principal: Any) -> Mapping[str, str]:
    return {}


@dataclass
class PreparedOperation:
    document: DocumentNode
    operation: OperationDefinitionNode
    kind: str
    selections: tuple[CSelection, ...]
    plan: QueryPlan | None
    directive_vars: tuple[str, ...]
    introspection_only: bool
    shapers: LRUCache[Shaper] = field(default_factory=lambda: LRUCache(64))


@dataclass
class RouterResponse:
    body: dict[str, Any]
    status: int = 200


def _error_messages(errors: list[GraphQLError], code: ErrorCode) -> list[dict[str, Any]]:
    return [error_entry(e.message, code) for e in errors]


class Router:
    def __init__(
        self,
        supergraph: str | Supergraph,
        transports: Mapping[str, SubgraphTransport],
        identity_headers: IdentityHeaders = no_identity_headers,
        *,
        dev: bool = False,
        cache_size: int = 1024,
    ) -> None:
        self.supergraph = supergraph if isinstance(supergraph, Supergraph) else Supergraph.from_sdl(supergraph)
        self.schema: GraphQLSchema = self.supergraph.api_schema
        self.transports = transports
        self.dev = dev
        self.planner = QueryPlanner(self.supergraph, cache_size)
        self.executor = Executor(transports, identity_headers)
        self._documents: LRUCache[DocumentNode | GraphQLRequestError] = LRUCache(cache_size)
        self._prepared: LRUCache[PreparedOperation | GraphQLRequestError] = LRUCache(cache_size)
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
            document = parse(query)
        except GraphQLError as exc:
            return GraphQLRequestError(ErrorCode.GRAPHQL_PARSE_FAILED, exc.message)
        errors = validate(self.schema, document)
        if errors:
            entries = _error_messages(errors, ErrorCode.GRAPHQL_VALIDATION_FAILED)
            return GraphQLRequestError(ErrorCode.GRAPHQL_VALIDATION_FAILED, errors[0].message, errors=entries)
        return document

    def prepare(self, query: str, operation_name: str | None) -> PreparedOperation:
        """Parse, validate and plan (all cached)."""
        query_hash = hashlib.sha256(query.encode()).hexdigest()
        key = (query_hash, operation_name)
        cached = self._prepared.get(key)
        if cached is None:
            cached = self._prepared.put(key, self._prepare(query, query_hash, operation_name))
        if isinstance(cached, GraphQLRequestError):
            raise cached
        return cached

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
            getattr(s, "name", None) in _INTROSPECTION for s in selections
        )
        plan = None if introspection_only else self.planner.plan(document, operation_name, query_hash)
        return PreparedOperation(
            document, operation, operation.operation.value, selections, plan,
            directive_variables(selections), introspection_only,
        )

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
        key = tuple(bool(coerced.get(name)) for name in prepared.directive_vars)
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
    ) -> RouterResponse:
        self.requests_total += 1
        try:
            return await self._handle(query, variables, operation_name, principal, allow_mutations)
        except GraphQLRequestError as exc:
            self._count(exc.code)
            return RouterResponse(exc.to_response(), exc.status)
        except Exception as exc:  # noqa: BLE001 - masked below
            log.exception("router request failed")
            self._count(ErrorCode.INTERNAL_SERVER_ERROR)
            message = (str(exc) or MASKED_MESSAGE) if self.dev else MASKED_MESSAGE
            return RouterResponse({"errors": [error_entry(message, ErrorCode.INTERNAL_SERVER_ERROR)]}, 500)

    async def _handle(
        self, query: Any, variables: Any, operation_name: Any, principal: Any, allow_mutations: bool
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
        if prepared.introspection_only:
            return RouterResponse(self._introspect(prepared, variables or {}))
        data, errors = await self.executor.run(prepared.plan, variables or {}, principal)  # type: ignore[arg-type]
        shaped = self.shaper(prepared, coerced).shape(data, errors)
        body: dict[str, Any] = {"data": shaped}
        if errors:
            body["errors"] = errors
            for error in errors:
                self._count((error.get("extensions") or {}).get("code") or "SUBGRAPH_ERROR")
        return RouterResponse(body)

    def _introspect(self, prepared: PreparedOperation, variables: Mapping[str, Any]) -> dict[str, Any]:
        result = graphql_execute(
            self.schema, prepared.document, variable_values=dict(variables),
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
