"""Fetch groups: the planner's mutable per-subgraph operations, turned into plan nodes.

A group is one subgraph request: either a root operation or an ``_entities`` fetch for
one entity type at one response path. Groups depend on their parent (which fetches the
keys) and on the groups that supply ``@requires`` fields.

Arranging groups into a plan (``FetchBuilder.plan_node``) follows the dependencies, not
global levels: each group is placed under the lowest common ancestor of its
dependencies in the plan tree, so independent branches never wait for each other
(``Parallel { Sequence { A, B }, Sequence { C, D, E } }``). Children of one group run in
stages only when a child needs data from a sibling's branch. Mutation root fields form
separate *runs* executed one after another, in order.
"""

from __future__ import annotations

from typing import Any, Callable

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
from supergraph.planning.selection import SelSet, SField, args_alias, conflict_aliases


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
        # where the parent's data holds each top-level representation field
        self.sources: dict[str, SField] = {}
        self.typename_rewrite: str | None = None
        self.key_fields: frozenset[str] = frozenset()
        self.deps: set[FetchGroup] = {parent} if parent else set()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"FetchGroup({self.index}, {self.subgraph}, {'.'.join(self.path)}, {self.entity_type})"

    def __hash__(self) -> int:
        return self.index

    def __eq__(self, other: object) -> bool:
        return self is other


def _required_fields(selset: SelSet, possible: Callable[[str], list[str]],
                     sources: dict[str, SField] | None = None) -> tuple[RequiredField, ...]:
    fields = []
    for entry in selset:
        if isinstance(entry, SField):
            children = _required_fields(entry.selections, possible) if entry.selections is not None else None
            source = (sources or {}).get(entry.name)
            key = source.response_key if source is not None and source.response_key != entry.name else None
            if source is None and entry.args_text:  # planned as an internal field (args_alias)
                key = args_alias(entry.name, entry.args_text)
            fields.append(RequiredField(entry.name, children, key))
        elif entry.type_condition:
            condition = frozenset({entry.type_condition, *possible(entry.type_condition)})
            inner = _required_fields(entry.selections, possible)
            fields.append(RequiredField(f"... on {entry.type_condition}", inner, None, condition))
    return tuple(fields)


class FetchBuilder:
    """Prints groups into ``Fetch`` nodes and arranges them into a plan tree."""

    def __init__(self, operation: OperationDefinitionNode, possible_types: Callable[[str], list[str]],
                 field_type: Callable[[str, str, str], tuple[str, bool] | None] | None = None,
                 root_type: str | None = None) -> None:
        self.field_type = field_type  # (parent type, field, subgraph) -> (type there, composite)
        self.root_type = root_type or operation.operation.value.capitalize()
        self.kind = operation.operation.value
        self.name = operation.name.value if operation.name else None
        self.var_defs = {v.variable.name.value: v for v in operation.variable_definitions or ()}
        self.var_order = list(self.var_defs)
        self.possible_types = possible_types
        self._position = 0

    def fetch(self, group: FetchGroup) -> Fetch:
        position = self._position
        self._position += 1
        used = group.selection.variables()
        usages = tuple(v for v in self.var_order if v in used)
        definitions = [print_ast(self.var_defs[v]) for v in usages]
        name = f"{self.name}__{group.subgraph}__{position}" if self.name else None
        head_name = f" {name}" if name else ""
        aliases: dict[int, str] = {}
        renames: tuple[tuple[str, str], ...] = ()
        if self.field_type is not None:
            field_type = self.field_type
            aliases, renames = conflict_aliases(
                group.selection, group.entity_type or self.root_type,
                lambda parent, field: field_type(parent, field, group.subgraph))
        if group.entity_type is None:
            defs = f"({', '.join(definitions)})" if definitions else ""
            text = f"{self.kind}{head_name}{defs} {group.selection.print(aliases)}"
            return Fetch(group.subgraph, text, self.kind, usages, None, (), name, position, renames)
        defs = ", ".join(["$representations: [_Any!]!", *definitions])
        body = f"... on {group.entity_type} {group.selection.print(aliases)}"
        text = f"query{head_name}({defs}) {{_entities(representations: $representations) {{{body}}}}}"
        typenames = {group.entity_type, *self.possible_types(group.entity_type)}
        requires = Requires(
            group.entity_type,
            frozenset(typenames),
            _required_fields(group.requires, self.possible_types, group.sources),
            group.typename_rewrite,
            group.key_fields,
        )
        return Fetch(group.subgraph, text, "query", usages, requires, (), name, position, renames)

    def plan_node(self, groups: list[FetchGroup]) -> PlanNode | None:
        runs: dict[int, list[FetchGroup]] = {}
        for group in groups:
            runs.setdefault(group.run, []).append(group)
        nodes = [self._run_node(runs[r]) for r in sorted(runs)]
        return _wrap(Sequence, nodes)

    def _run_node(self, groups: list[FetchGroup]) -> PlanNode | None:
        placement = _place(groups)
        children: dict[FetchGroup | None, list[FetchGroup]] = {}
        for group in groups:  # creation order = document order
            children.setdefault(placement[group], []).append(group)
        return self._children_node(None, children, placement)

    def _subtree_node(self, group: FetchGroup, children: dict, placement: dict) -> PlanNode:
        fetch = self.fetch(group)
        head: PlanNode = fetch if group.entity_type is None else Flatten(group.path, fetch)
        rest = self._children_node(group, children, placement)
        if rest is None:
            return head
        tail = rest.nodes if isinstance(rest, Sequence) else (rest,)
        return Sequence((head, *tail))

    def _children_node(self, anchor: FetchGroup | None, children: dict, placement: dict) -> PlanNode | None:
        mine = children.get(anchor, [])
        if not mine:
            return None
        stage_of: dict[FetchGroup, int] = {}
        for child in mine:
            stage_of[child] = _stage(child, mine, placement, stage_of)
        nodes: list[PlanNode] = []
        for stage in range(max(stage_of.values()) + 1):
            members = [self._subtree_node(c, children, placement) for c in mine if stage_of[c] == stage]
            node = _wrap(Parallel, members)
            nodes.extend(node.nodes if isinstance(node, Sequence) else (node,))
        return _wrap(Sequence, nodes)


def _wrap(kind: type, nodes: list) -> Any:
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else kind(tuple(nodes))


def _topological(groups: list[FetchGroup]) -> list[FetchGroup]:
    order: list[FetchGroup] = []
    state: dict[FetchGroup, int] = {}
    for group in groups:
        _visit(group, state, order)
    return order


def _visit(group: FetchGroup, state: dict[FetchGroup, int], order: list[FetchGroup]) -> None:
    mark = state.get(group)
    if mark == 2:
        return
    if mark == 1:
        raise PlanningError("cyclic dependency between subgraph fetches")
    state[group] = 1
    for dep in sorted(group.deps, key=lambda g: g.index):
        if dep is not group:
            _visit(dep, state, order)
    state[group] = 2
    order.append(group)


def _chain(group: FetchGroup | None, placement: dict) -> list[FetchGroup | None]:
    chain: list[FetchGroup | None] = []
    while group is not None:
        chain.append(group)
        group = placement[group]
    chain.append(None)
    return chain


def _place(groups: list[FetchGroup]) -> dict[FetchGroup, FetchGroup | None]:
    """Plan-tree parent of each group: the lowest common ancestor of its dependencies."""
    members = set(groups)
    placement: dict[FetchGroup, FetchGroup | None] = {}
    for group in _topological(groups):
        deps = [d for d in group.deps if d is not group and d in members]
        if not deps:
            placement[group] = None
            continue
        common = _chain(deps[0], placement)
        for dep in deps[1:]:
            ancestors = set(_chain(dep, placement))
            common = [a for a in common if a in ancestors]
        placement[group] = common[0]
    return placement


def _stage(child: FetchGroup, siblings: list[FetchGroup], placement: dict, stage_of: dict) -> int:
    """0, or one more than the latest sibling whose branch holds one of ``child``'s deps."""
    stage = 0
    sibling_set = set(siblings)
    for dep in child.deps:
        if dep is child:
            continue
        node: FetchGroup | None = dep
        while node is not None and node not in sibling_set:
            node = placement.get(node)
        if node is not None and node is not child:
            if node not in stage_of:
                stage_of[node] = _stage(node, siblings, placement, stage_of)
            stage = max(stage, stage_of[node] + 1)
    return stage
