"""Operation -> ``QueryPlan`` over a :class:`Supergraph`.

The walk (``walk.Walk``) keeps a *context* per position (``state.Ctx``): the fetch group
being filled, the selection set inside it, the response path, the parent type and what an
enclosing ``@provides`` makes available. For each field it stays in the current subgraph
when that subgraph can resolve the field (and its value-type sub-selection); otherwise it
jumps to another subgraph through ``_entities`` with a key both sides share (the choices:
``routing.Routing``). Keys and ``@requires`` fields are planned like client fields in the
parent context, so they may themselves come from a third subgraph (the entity fetch then
depends on that fetch too). This module plans the root fields and composes the parts:
one ``PlanState`` per plan, handed to the walk; ``Routing`` for the request's labels.

Also handled here:

* key/``@requires`` fields are *internal*: when a client alias already uses a key field's
  name, the key is fetched under an internal alias (``selection.internal_alias``) and the
  representation reads it from there;
* entity interfaces and ``@interfaceObject``: fields of an interface object are fetched with
  the interface as entity type (representations carry the interface's name); in an
  interface-object subgraph ``__typename`` and type conditions jump to the interface's home;
* a shareable query root field no single subgraph can resolve is split across subgraphs;
* the planning schema keeps ``@inaccessible`` elements (keys and requirements use them);
* progressive ``@override`` follows the request's active labels (part of the cache key);
* ``@requires`` that needs the same subgraph again (a -> b -> a) gets an earlier fetch of its
  own; requirements with arguments are aliased (``selection.args_alias``), and conflicting
  ones (``price(currency: "USD")`` / ``"EUR"``) get separate entity fetches;
* fragments follow the subgraph's own view of abstract types (narrower ``join__field(type:)``,
  implementations/members only known elsewhere); same response keys with different types
  across fragments are aliased at print time and renamed back by the executor;
* a sub-selection no entity jump can reach (a value type's field living elsewhere) is
  fetched again through the parent entity from a subgraph that resolves it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from graphql import DocumentNode, GraphQLNamedType, get_named_type

from supergraph.planning.groups import FetchBuilder, FetchGroup, PlanningError
from supergraph.planning.plan import QueryPlan
from supergraph.planning.routing import Routing, field_of
from supergraph.planning.state import Ctx, PlanState
from supergraph.planning.supergraph import Supergraph
from supergraph.planning.walk import Walk
from supergraph.request.cache import LRUCache
from supergraph.request.conditions import apply_conditions
from supergraph.request.operation import CField, CFragment, CSelection, fragments_of, normalize, select_operation

__all__ = ["QueryPlanner", "PlanningError", "build_plan"]


class _Builder:
    """One plan: the root fields of one operation, each planned by the walk."""

    def __init__(
        self,
        supergraph: Supergraph,
        document: DocumentNode,
        operation_name: str | None,
        selections: tuple[CSelection, ...] | None = None,
        labels: frozenset[str] = frozenset(),
    ):
        self.schema = supergraph.planning_schema
        self.operation = select_operation(document, operation_name)
        self.fragments = fragments_of(document)
        self.selections = selections
        self.state = PlanState()
        self.routing = Routing(supergraph, labels)
        self.walk = Walk(supergraph, self.routing, self.state)

    # ---- root --------------------------------------------------------------------
    def build(self) -> QueryPlan:
        kind = self.operation.operation.value
        root_type = self.schema.get_root_type(self.operation.operation)
        if root_type is None:
            raise PlanningError(f"the schema has no {kind} type")
        selections = self.selections
        if selections is None:
            selections = normalize(self.operation.selection_set, self.fragments)
        fields = self._root_fields(selections, ())
        roots: dict[str, FetchGroup] = {}
        current: FetchGroup | None = None
        parts = [p for f in fields for p in self._root_parts(root_type, f, roots, kind)]
        for subgraph, field in parts:
            if kind == "mutation":
                if current is None or current.subgraph != subgraph:
                    current = self.state.new_group(subgraph, run=len(roots) + 1)
                    roots[f"{subgraph}#{current.index}"] = current
            else:
                current = roots.get(subgraph) or self.state.new_group(subgraph, run=0)
                roots[subgraph] = current
            self.walk.add_local(Ctx(current, current.selection, (), root_type), field, subgraph)
        builder = FetchBuilder(self.operation, self.routing.possible_types, self.routing.field_type, root_type.name)
        return QueryPlan(kind, builder.plan_node(self.state.groups))

    def _root_fields(self, selections: tuple[CSelection, ...], directives: tuple) -> list[CField]:
        fields: list[CField] = []
        for s in selections:
            if isinstance(s, CFragment):
                fields.extend(self._root_fields(s.selections, directives + s.directives))
            elif not s.name.startswith("__"):
                fields.append(replace(s, directives=directives + s.directives) if directives else s)
        return fields

    def _root_parts(self, root_type: GraphQLNamedType, field: CField, roots: dict, kind: str) -> list:
        """(subgraph, field) pairs for one root field. A shareable query root field no single
        subgraph can fully resolve is asked from several, each for the part it can resolve
        (the answers merge under the same response key)."""
        candidates = self.routing.resolving_graphs(root_type.name, field.name)
        if kind != "query" or field.selections is None or len(candidates) < 2 or any(
                self.routing.local_ok(c, root_type, field) for c in candidates):
            return [(self._choose_root(root_type, field, roots), field)]
        named = get_named_type(field_of(root_type, field.name).type)
        # one subgraph whose missing fields entity jumps can fetch beats splitting the field
        # (another candidate may fail for what it cannot resolve)
        reachable = [c for c in candidates
                     if self.routing.reachable(c, named, field.selections, self._root_provided(c, root_type, field))]
        if reachable:
            misses = {c: self._root_misses(c, root_type, field) for c in reachable}
            best = [c for c in reachable if misses[c] == min(misses.values())]
            return [(next((c for c in best if c in roots), best[0]), field)]
        split: dict[str, list[CSelection]] = {}
        for selection in field.selections:
            ok = [c for c in candidates if self.routing.selections_ok(c, named, (selection,), None)]
            choice = next((c for c in ok if c in split or c in roots), ok[0] if ok else candidates[0])
            split.setdefault(choice, []).append(selection)
        return [(graph, replace(field, selections=tuple(subs))) for graph, subs in split.items()]

    def _choose_root(self, root_type: GraphQLNamedType, field: CField, roots: dict) -> str:
        candidates = self.routing.resolving_graphs(root_type.name, field.name)
        if not candidates:
            raise PlanningError(f"no subgraph resolves {root_type.name}.{field.name}")
        ok = [c for c in candidates if self.routing.local_ok(c, root_type, field)]
        if not ok:  # every candidate needs jumps: the ones needing fewest
            misses = {c: self._root_misses(c, root_type, field) for c in candidates}
            ok = [c for c in candidates if misses[c] == min(misses.values())]
        elif len(ok) > 1 and field.selections is not None:
            # a candidate that answers the whole selection itself saves the entity jumps
            # another would need after its root fetch
            whole = [c for c in ok if self._root_misses(c, root_type, field) == 0]
            ok = whole or ok
        for candidate in ok:
            if candidate in roots:
                return candidate
        return ok[0]

    def _root_provided(self, subgraph: str, root_type: GraphQLNamedType, field: CField) -> tuple | None:
        return self.routing.own_provides(root_type.name, field.name, subgraph)

    def _root_misses(self, subgraph: str, root_type: GraphQLNamedType, field: CField) -> int:
        if field.selections is None:
            return 0
        named = get_named_type(field_of(root_type, field.name).type)
        return self.routing.misses(subgraph, named, field.selections, self._root_provided(subgraph, root_type, field))


def build_plan(
    supergraph: Supergraph,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None = None,
    selections: tuple[CSelection, ...] | None = None,
    labels: frozenset[str] = frozenset(),
) -> QueryPlan:
    """Plan one operation. With ``variables``, ``@skip``/``@include`` are resolved first
    (see ``conditions``); ``selections`` replaces the document's (already normalized,
    e.g. with unauthorized fields removed)."""
    if selections is None and variables is not None:
        operation = select_operation(document, operation_name)
        selections = apply_conditions(normalize(operation.selection_set, fragments_of(document)), variables)
    return _Builder(supergraph, document, operation_name, selections, labels).build()


class QueryPlanner:
    """Plans operations, caching plans by (document hash, operation name)."""

    def __init__(self, supergraph: Supergraph, cache_size: int = 1024) -> None:
        self.supergraph = supergraph
        self._cache: LRUCache[QueryPlan] = LRUCache(cache_size)
        self.hits = 0
        self.misses = 0

    def plan(
        self,
        document: DocumentNode,
        operation_name: str | None,
        document_hash: str | None = None,
        *,
        selections: tuple[CSelection, ...] | None = None,
        variant: tuple = (),
        labels: frozenset[str] = frozenset(),
    ) -> QueryPlan:
        """``variant`` tells plans of one document apart (condition values, removed fields);
        ``labels`` are the request's active progressive-override labels."""
        if document_hash is None:
            return build_plan(self.supergraph, document, operation_name, selections=selections, labels=labels)
        key = (document_hash, operation_name, variant, labels)
        plan = self._cache.get(key)
        if plan is None:
            self.misses += 1
            plan = build_plan(self.supergraph, document, operation_name, selections=selections, labels=labels)
            self._cache.put(key, plan)
        else:
            self.hits += 1
        return plan
