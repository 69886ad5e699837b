"""``EdgePolicy``: the rules the ``Router`` applies around parse and validate.

The router calls, in its request path (``supergraph.router.Router(policy=...)``):

* ``parse(query)`` - graphql-core's parser with the token cap (``MAX_TOKENS_LIMIT``), no locations;
* ``check_document(document)`` - structural limits before validation (``supergraph.edge.limits``);
  the outcome is cached with the document by its hash, so a repeated document costs nothing;
* ``check_operation(schema, prepared, coerced, principal)`` - per request, after variables are
  coerced and before any subgraph fetch: introspection access (``INTROSPECTION_DISABLED``
  for non-admins outside development) and demand control (``COST_ESTIMATED_TOO_EXPENSIVE``;
  on when the supergraph declares ``@cost``/``@listSize`` or the operator set ``max_cost``).
  The estimate is cached per operation (document hash, operation name) and the values of the
  variables it reads (slicing arguments), so a repeated operation is not walked again.
"""

from __future__ import annotations

import logging
from typing import Any, Iterable, Mapping

from graphql import DocumentNode, GraphQLSchema

from supergraph.edge.config import EdgeConfig, is_privileged
from supergraph.edge.cost import CostDirectives, CostEstimator
from supergraph.edge.limits import check_limits, parse_capped
from supergraph.errors import ErrorCode, GraphQLRequestError
from supergraph.request.cache import LRUCache
from supergraph.request.operation import CField, CFragment

log = logging.getLogger("pawgraph.router.edge")

_INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
_COST_CACHE_SIZE = 1024  # operations
_COSTS_PER_OPERATION = 256  # distinct values of the variables an estimate reads


def uses_introspection(selections: Iterable[Any]) -> bool:
    """``__schema`` / ``__type`` among the root fields (they are only valid there)."""
    for selection in selections:
        if isinstance(selection, CField) and selection.name in _INTROSPECTION_FIELDS:
            return True
        if isinstance(selection, CFragment) and uses_introspection(selection.selections):
            return True
    return False


class EdgePolicy:
    def __init__(self, config: EdgeConfig, supergraph_sdl: str) -> None:
        self.config = config
        self._directives = CostDirectives.from_sdl(supergraph_sdl)
        limits = config.limits
        self._cost_limit = limits.max_cost if (
            not limits.cost_needs_directives or self._directives.declared()) else None
        self._estimator: CostEstimator | None = None
        # (document hash, operation name) -> (variables read, {their values: cost})
        self._costs: LRUCache[tuple[tuple[str, ...], dict]] = LRUCache(_COST_CACHE_SIZE)
        self.last_cost: float | None = None  # of the newest operation (tests, metrics)

    def parse(self, query: str) -> DocumentNode:
        # no source locations: error entries carry none, and cached documents stay small
        return parse_capped(query, self.config.limits.max_tokens, no_location=True)

    def check_document(self, document: DocumentNode) -> None:
        check_limits(document, self.config.limits)

    def check_operation(self, schema: GraphQLSchema, prepared: Any, coerced: Mapping[str, Any],
                        principal: Any) -> None:
        if not self.config.introspection and not is_privileged(self.config, principal):
            if uses_introspection(prepared.selections):
                raise GraphQLRequestError(ErrorCode.INTROSPECTION_DISABLED, "Introspection is disabled.")
        if prepared.introspection_only:
            return
        limit = self._cost_limit
        if limit is None:
            return
        cost = self._cost(schema, prepared, coerced)
        self.last_cost = cost
        if cost > limit:
            log.info("operation refused: estimated cost %s > %s", cost, limit)
            raise GraphQLRequestError(
                ErrorCode.COST_ESTIMATED_TOO_EXPENSIVE,
                f"Operation estimated cost {cost:g} exceeds the limit of {limit}.")

    def estimate(self, schema: GraphQLSchema, document: DocumentNode, operation: Any,
                 variables: Mapping[str, Any]) -> float:
        return self._estimator_for(schema).estimate(document, operation, variables)

    def _estimator_for(self, schema: GraphQLSchema) -> CostEstimator:
        if self._estimator is None or self._estimator.schema is not schema:
            limits = self.config.limits
            self._estimator = CostEstimator(schema, self._directives,
                                            default_list_size=limits.default_list_size,
                                            slicing_arguments=limits.slicing_arguments)
            self._costs = LRUCache(_COST_CACHE_SIZE)
        return self._estimator

    def _cost(self, schema: GraphQLSchema, prepared: Any, coerced: Mapping[str, Any]) -> float:
        estimator = self._estimator_for(schema)
        operation = prepared.operation
        key = (prepared.hash, operation.name.value if operation.name else None)
        cached = self._costs.get(key)
        if cached is not None:
            names, costs = cached
            values = _values_key(names, coerced)
            cost = costs.get(values) if values is not None else None
            if cost is not None:
                return cost
        cost, read = estimator.estimate_reads(prepared.document, operation, coerced)
        names = tuple(sorted(read))
        values = _values_key(names, coerced)
        if values is not None:
            if cached is None:
                cached = self._costs.put(key, (names, {}))
            if len(cached[1]) >= _COSTS_PER_OPERATION:
                cached[1].clear()
            cached[1][values] = cost
        return cost


_UNSET: Any = object()


def _values_key(names: tuple[str, ...], variables: Mapping[str, Any]) -> tuple | None:
    """The values of ``names`` as a dict key (typed: 1, 1.0 and True differ); None when one
    cannot be a key."""
    key = tuple((type(value), value) for value in (variables.get(name, _UNSET) for name in names))
    try:
        hash(key)
    except TypeError:
        return None
    return key
