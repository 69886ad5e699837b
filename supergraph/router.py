"""The router without HTTP: prepare (``supergraph.request``) -> plan -> execute -> shape.

``Router`` is what ``supergraph.http`` serves and what tests can call directly::

    router = Router(sdl, transports, identity_headers=...)
    result = await router.execute(query, variables, operation_name, principal)

Caches: parse + validation by document hash; the prepared operation (normalized
selections) by (hash, operation name), shared by texts that differ only in spacing, commas
or comments (``token_key``; both in ``supergraph.request.prepared``); plans by (hash,
operation name, variant), where the variant is the request's ``@skip``/``@include`` values
and the fields authorization removed (usually none); response shapers per prepared
operation and condition values.
``planner.hits`` / ``planner.misses`` count plan-cache use.

Introspection (``__schema``/``__type``) is answered by the router from the API schema,
also when mixed with ordinary fields. An admin (``"admin" in principal.roles``) may ask
for the printed query plan (``include_plan=True``): it comes back in
``extensions.queryPlan``.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from graphql import DocumentNode, ExecutionResult, GraphQLSchema
from graphql import execute as graphql_execute

from supergraph.errors import MASKED_MESSAGE, ErrorCode, GraphQLRequestError, error_entry
from supergraph.execution.executor import Executor
from supergraph.execution.shaping import Shaper, compile_shaper
from supergraph.planning.groups import PlanningError
from supergraph.planning.plan import QueryPlan, print_plan
from supergraph.planning.planner import QueryPlanner
from supergraph.planning.supergraph import Supergraph, label_active
from supergraph.request.authorization import AuthorizationRules, expand_paths
from supergraph.request.conditions import condition_key
from supergraph.request.prepared import Preparation, PreparedOperation
from supergraph.transport.base import SubgraphTransport
from supergraph.transport.breaker import SubgraphPolicy

log = logging.getLogger(__name__)

IdentityHeaders = Callable[[str, bytes, Any], Mapping[str, str]]


def no_identity_headers(subgraph: str, body: bytes, principal: Any) -> Mapping[str, str]:
    return {}


def is_admin(principal: Any) -> bool:
    return "admin" in (getattr(principal, "roles", None) or ())


@dataclass
class RouterResponse:
    body: dict[str, Any]
    status: int = 200


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
        rules = AuthorizationRules(
            self.supergraph.document, specs.prefix("authenticated"), specs.prefix("requiresScopes"))
        self.preparation = Preparation(self.schema, rules, policy=policy, cache_size=cache_size)
        self.requests_total = 0
        self.errors_total: dict[str, int] = {}

    # ---- request path --------------------------------------------------------
    def prepare(self, query: str, operation_name: str | None) -> PreparedOperation:
        """Parse, validate and normalize (all cached; ``supergraph.request.prepared``)."""
        return self.preparation.prepare(query, operation_name)

    def coerce_variables(self, prepared: PreparedOperation, variables: Mapping[str, Any] | None) -> dict[str, Any]:
        return self.preparation.coerce_variables(prepared, variables)

    def plan(self, prepared: PreparedOperation, coerced: Mapping[str, Any], principal: Any) -> tuple[QueryPlan, list]:
        """The plan for this request (cached) and the errors of fields authorization removed."""
        selections, denied, variant = self.preparation.selections(prepared, coerced, principal)
        labels = frozenset(label for label in self.supergraph.progressive_labels
                           if label_active(label, random.uniform(0, 100)))
        plan = self.planner.plan(prepared.document, prepared.operation.name.value if prepared.operation.name
                                 else None, prepared.hash, selections=selections, variant=variant, labels=labels)
        return plan, denied

    def shaper(self, prepared: PreparedOperation, coerced: Mapping[str, Any]) -> Shaper:
        key = condition_key(prepared.directive_vars, coerced)
        shaper = prepared.shapers.get(key)
        if shaper is None:
            root = self.schema.get_root_type(prepared.operation.operation)
            assert root is not None  # validation (KnownOperationTypes) refused a root the schema lacks
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
        except Exception as exc:
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
        assert isinstance(result, ExecutionResult)  # introspection resolvers are synchronous
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            body["errors"] = [error_entry(e.message, ErrorCode.INTERNAL_SERVER_ERROR) for e in result.errors]
        return body

    def _count(self, code: str) -> None:
        self.errors_total[str(code)] = self.errors_total.get(str(code), 0) + 1

    async def aclose(self) -> None:
        for transport in self.transports.values():
            close = getattr(transport, "aclose", None)
            if close is not None:
                await close()
