"""``EdgePolicy``: the rules the ``Router`` applies around parse and validate.

The router calls, in its request path (``supergraph.router.Router(policy=...)``):

* ``parse(query)`` - graphql-core's parser with the token cap (``MAX_TOKENS_LIMIT``);
* ``check_document(document)`` - structural limits before validation (``supergraph.plugins.limits``);
  the outcome is cached with the document by its hash, so a repeated document costs nothing;
* ``check_operation(schema, prepared, coerced, principal)`` - per request, after variables are
  coerced and before any subgraph fetch: introspection access (``INTROSPECTION_DISABLED``
  for non-admins outside development) and demand control (``COST_ESTIMATED_TOO_EXPENSIVE``).
"""

from __future__ import annotations

import logging
from typing import Any, Iterable, Mapping

from graphql import DocumentNode, GraphQLSchema

from supergraph.errors import ErrorCode, GraphQLRequestError
from supergraph.planning.operation import CField, CFragment
from supergraph.plugins.config import EdgeConfig, is_privileged
from supergraph.plugins.cost import CostDirectives, CostEstimator
from supergraph.plugins.limits import check_limits, parse_capped

log = logging.getLogger("pawgraph.router.edge")

_INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


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
        self._estimator: CostEstimator | None = None
        self.last_cost: float | None = None  # of the newest operation (tests, metrics)

    def parse(self, query: str) -> DocumentNode:
        return parse_capped(query, self.config.limits.max_tokens)

    def check_document(self, document: DocumentNode) -> None:
        check_limits(document, self.config.limits)

    def check_operation(self, schema: GraphQLSchema, prepared: Any, coerced: Mapping[str, Any],
                        principal: Any) -> None:
        if not self.config.introspection and not is_privileged(self.config, principal):
            if uses_introspection(prepared.selections):
                raise GraphQLRequestError(ErrorCode.INTROSPECTION_DISABLED, "Introspection is disabled.")
        if prepared.introspection_only:
            return
        cost = self.estimate(schema, prepared.document, prepared.operation, coerced)
        self.last_cost = cost
        limit = self.config.limits.max_cost
        if limit is not None and cost > limit:
            log.info("operation refused: estimated cost %s > %s", cost, limit)
            raise GraphQLRequestError(
                ErrorCode.COST_ESTIMATED_TOO_EXPENSIVE,
                f"Operation estimated cost {cost:g} exceeds the limit of {limit}.")

    def estimate(self, schema: GraphQLSchema, document: DocumentNode, operation: Any,
                 variables: Mapping[str, Any]) -> float:
        if self._estimator is None or self._estimator.schema is not schema:
            limits = self.config.limits
            self._estimator = CostEstimator(schema, self._directives,
                                            default_list_size=limits.default_list_size,
                                            slicing_arguments=limits.slicing_arguments)
        return self._estimator.estimate(document, operation, variables)
