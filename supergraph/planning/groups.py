"""Fetch groups: the planner's mutable per-subgraph operations, turned into plan nodes.

A group is one subgraph request: either a root operation or an ``_entities`` fetch for
one entity type at one response path. Groups depend on their parent (which fetches the
keys) and on the groups that supply ``@requires`` fields. The plan runs groups in
dependency levels: each level is a ``Parallel`` of fetches, levels are a ``Sequence``.
Mutation root fields form separate *runs* executed one after another, in order.
"""

from __future__ import annotations

from typing import Any

from graphql import OperationDefinitionNode, print_ast

from supergraph.planning.plan import (
    Fetch,
    Flatten,
    Parallel,
    PlanNode,
    RequiredField,
    Requires,
    Sequence,
)
from supergraph.planning.selection import SelSet, SField


class PlanningError(Exception):
    """The operation cannot be planned over this supergraph."""


class FetchGroup:
    def __init__(
        self,
        index: int,
        subgraph: str,
        *,
        run: int,
        path: tuple[str, ...] = (),
        entity_type: str | None = None,
        parent: "FetchGroup | None" = None,
        parent_ctx: Any = None,
    ) -> None:
        self.index = index
        self.subgraph = subgraph
        self.run = run
        self.path = path
        self.entity_type = entity_type
        self.parent = parent
        self.parent_ctx = parent_ctx
        self.selection = SelSet()
        self.requires = SelSet()
        self.deps: set[FetchGroup] = {parent} if parent else set()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"FetchGroup({self.index}, {self.subgraph}, {'.'.join(self.path)}, {self.entity_type})"

    def __hash__(self) -> int:
        return self.index

    def __eq__(self, other: object) -> bool:
        return self is other


def _required_fields(selset: SelSet) -> tuple[RequiredField, ...]:
    fields = []
    for entry in selset:
        if isinstance(entry, SField):
            children = _required_fields(entry.selections) if entry.selections is not None else None
            fields.append(RequiredField(entry.name, children))
    return tuple(fields)


class FetchBuilder:
    """Prints groups into ``Fetch`` nodes and arranges them into a plan tree."""

    def __init__(self, operation: OperationDefinitionNode, possible_types: Any) -> None:
        self.kind = operation.operation.value
        self.name = operation.name.value if operation.name else None
        self.var_defs = {v.variable.name.value: v for v in operation.variable_definitions or ()}
        self.var_order = list(self.var_defs)
        self.possible_types = possible_types

    def fetch(self, group: FetchGroup, position: int) -> Fetch:
        used = group.selection.variables()
        usages = tuple(v for v in self.var_order if v in used)
        definitions = [print_ast(self.var_defs[v]) for v in usages]
        name = f"{self.name}__{group.subgraph}__{position}" if self.name else None
        head_name = f" {name}" if name else ""
        if group.entity_type is None:
            defs = f"({', '.join(definitions)})" if definitions else ""
            text = f"{self.kind}{head_name}{defs} {group.selection.print()}"
            return Fetch(group.subgraph, text, self.kind, usages, None, (), name, position)
        defs = ", ".join(["$representations: [_Any!]!", *definitions])
        body = f"... on {group.entity_type} {group.selection.print()}"
        text = f"query{head_name}({defs}) {{_entities(representations: $representations) {{{body}}}}}"
        requires = Requires(
            group.entity_type,
            frozenset(self.possible_types(group.entity_type)),
            _required_fields(group.requires),
        )
        return Fetch(group.subgraph, text, "query", usages, requires, (), name, position)

    def plan_node(self, groups: list[FetchGroup]) -> PlanNode | None:
        runs: dict[int, list[FetchGroup]] = {}
        for group in groups:
            runs.setdefault(group.run, []).append(group)
        position = iter(range(len(groups)))
        nodes = [self._run_node(runs[r], position) for r in sorted(runs)]
        return _wrap(Sequence, nodes)

    def _run_node(self, groups: list[FetchGroup], position: Any) -> PlanNode:
        levels = _levels(groups)
        stages: list[list[FetchGroup]] = [[] for _ in range(max(levels.values()) + 1)]
        for group in groups:
            stages[levels[group]].append(group)
        stage_nodes = []
        for stage in stages:
            nodes = [self._group_node(g, next(position)) for g in stage]
            stage_nodes.append(_wrap(Parallel, nodes))
        return _wrap(Sequence, stage_nodes)  # type: ignore[return-value]

    def _group_node(self, group: FetchGroup, position: int) -> PlanNode:
        fetch = self.fetch(group, position)
        return fetch if group.entity_type is None else Flatten(group.path, fetch)


def _wrap(kind: type, nodes: list) -> Any:
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else kind(tuple(nodes))


def _levels(groups: list[FetchGroup]) -> dict[FetchGroup, int]:
    levels: dict[FetchGroup, int] = {}
    visiting: set[FetchGroup] = set()

    def level(group: FetchGroup) -> int:
        if group in levels:
            return levels[group]
        if group in visiting:
            raise PlanningError("cyclic dependency between subgraph fetches")
        visiting.add(group)
        deps = [level(d) for d in group.deps if d is not group]
        visiting.discard(group)
        levels[group] = 1 + max(deps) if deps else 0
        return levels[group]

    for group in groups:
        level(group)
    return levels
