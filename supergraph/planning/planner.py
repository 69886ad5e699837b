"""Operation -> ``QueryPlan`` over a :class:`Supergraph`.

The walk keeps a *context* per position: the fetch group being filled, the selection
set inside it, the response path, the parent type and what an enclosing ``@provides``
makes available. For each field it stays in the current subgraph when that subgraph
can resolve the field (and its value-type sub-selection); otherwise it jumps to another
subgraph through ``_entities`` with a key both sides share. Keys and ``@requires``
fields are planned like client fields in the parent context, so they may themselves
come from a third subgraph (the entity fetch then depends on that fetch too).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from graphql import (
    DocumentNode,
    GraphQLNamedType,
    GraphQLObjectType,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)

from supergraph.planning.fieldset import parse_field_set
from supergraph.planning.groups import FetchBuilder, FetchGroup, PlanningError
from supergraph.planning.operation import (
    CField,
    CFragment,
    CSelection,
    fragments_of,
    normalize,
    normalize_field_set,
    select_operation,
)
from supergraph.planning.plan import QueryPlan
from supergraph.planning.selection import SelSet
from supergraph.planning.supergraph import KeyInfo, Supergraph

__all__ = ["QueryPlanner", "PlanningError", "build_plan"]


@dataclass(frozen=True)
class Ctx:
    group: FetchGroup
    selset: SelSet
    path: tuple[str, ...]
    parent_type: GraphQLNamedType
    provided: tuple[CSelection, ...] | None = None


def _list_depth(type_: object) -> int:
    depth = 0
    while True:
        if is_non_null_type(type_):
            type_ = type_.of_type  # type: ignore[attr-defined]
        elif is_list_type(type_):
            depth += 1
            type_ = type_.of_type  # type: ignore[attr-defined]
        else:
            return depth


def _provided_names(provided: tuple[CSelection, ...] | None) -> dict[str, CField]:
    return {s.name: s for s in provided or () if isinstance(s, CField)}


class _Builder:
    def __init__(self, supergraph: Supergraph, document: DocumentNode, operation_name: str | None):
        self.sg = supergraph
        self.schema = supergraph.api_schema
        self.operation = select_operation(document, operation_name)
        self.fragments = fragments_of(document)
        self.groups: list[FetchGroup] = []
        self.entity_groups: dict[tuple, FetchGroup] = {}

    # ---- groups ----------------------------------------------------------------
    def _new_group(self, subgraph: str, **kwargs: object) -> FetchGroup:
        group = FetchGroup(len(self.groups), subgraph, **kwargs)  # type: ignore[arg-type]
        self.groups.append(group)
        return group

    # ---- root --------------------------------------------------------------------
    def build(self) -> QueryPlan:
        kind = self.operation.operation.value
        root_type = self.schema.get_root_type(self.operation.operation)
        if root_type is None:
            raise PlanningError(f"the schema has no {kind} type")
        fields = self._root_fields(normalize(self.operation.selection_set, self.fragments), ())
        roots: dict[str, FetchGroup] = {}
        current: FetchGroup | None = None
        for field in fields:
            subgraph = self._choose_root(root_type, field, roots)
            if kind == "mutation":
                if current is None or current.subgraph != subgraph:
                    current = self._new_group(subgraph, run=len(roots) + 1)
                    roots[f"{subgraph}#{current.index}"] = current
            else:
                current = roots.get(subgraph) or self._new_group(subgraph, run=0)
                roots[subgraph] = current
            self._add_local(Ctx(current, current.selection, (), root_type), field, subgraph)
        builder = FetchBuilder(self.operation, self._possible_types)
        return QueryPlan(kind, builder.plan_node(self.groups))

    def _root_fields(self, selections: tuple[CSelection, ...], directives: tuple) -> list[CField]:
        fields: list[CField] = []
        for s in selections:
            if isinstance(s, CFragment):
                fields.extend(self._root_fields(s.selections, directives + s.directives))
            elif not s.name.startswith("__"):
                fields.append(replace(s, directives=directives + s.directives) if directives else s)
        return fields

    def _choose_root(self, root_type: GraphQLNamedType, field: CField, roots: dict) -> str:
        candidates = self.sg.resolving_graphs(root_type.name, field.name)
        if not candidates:
            raise PlanningError(f"no subgraph resolves {root_type.name}.{field.name}")
        ok = [c for c in candidates if self._local_ok(c, root_type, field)] or list(candidates)
        for candidate in ok:
            if candidate in roots:
                return candidate
        return ok[0]

    def _possible_types(self, type_name: str) -> list[str]:
        schema_type = self.schema.get_type(type_name)
        if is_abstract_type(schema_type):
            return [t.name for t in self.schema.get_possible_types(schema_type)]  # type: ignore[arg-type]
        return [type_name]

    # ---- walking -------------------------------------------------------------------
    def plan_selections(self, ctx: Ctx, selections: tuple[CSelection, ...]) -> set[FetchGroup]:
        touched: set[FetchGroup] = set()
        for selection in selections:
            if isinstance(selection, CField):
                touched |= self.plan_field(ctx, selection)
            else:
                touched |= self.plan_fragment(ctx, selection)
        return touched

    def plan_field(self, ctx: Ctx, field: CField) -> set[FetchGroup]:
        parent = ctx.parent_type
        if field.name == "__typename":
            ctx.selset.add_field("__typename", field.alias, (), field.directives)
            return {ctx.group}
        here = ctx.group.subgraph
        if is_abstract_type(parent) and not self._resolvable(here, parent, field.name, ctx.provided):
            return self._split_abstract(ctx, field)
        target = self._choose(ctx, field)
        provided = field.name in _provided_names(ctx.provided)
        info = self.sg.field_in_graph(parent.name, field.name, target)
        requires = info.requires if info is not None and not provided else None
        if target == here and requires is None:
            return self._add_local(ctx, field, target)
        child = self._jump(ctx, target, requires)
        return self._add_local(child, field, target)

    def plan_fragment(self, ctx: Ctx, fragment: CFragment) -> set[FetchGroup]:
        parent = ctx.parent_type
        condition = self.schema.get_type(fragment.type_condition) if fragment.type_condition else parent
        if condition is None:
            return set()
        if condition is parent or (
            is_object_type(parent) and is_abstract_type(condition)
            and self.schema.is_sub_type(condition, parent)  # type: ignore[arg-type]
        ):
            target = ctx.selset.add_fragment(None, fragment.directives).selections if fragment.directives else ctx.selset
            return self.plan_selections(replace(ctx, selset=target), fragment.selections)
        if is_object_type(parent):
            return set()  # never applies to this object type
        here = ctx.group.subgraph
        if not self.sg.defines_type(condition.name, here):
            if not is_abstract_type(condition):
                return set()
            touched: set[FetchGroup] = set()
            for name in self.sg.possible_types_in_graph(condition.name, here):
                touched |= self.plan_fragment(ctx, replace(fragment, type_condition=name))
            return touched
        sub = ctx.selset.add_fragment(condition.name, fragment.directives)
        return self.plan_selections(replace(ctx, selset=sub.selections, parent_type=condition), fragment.selections)

    def _split_abstract(self, ctx: Ctx, field: CField) -> set[FetchGroup]:
        ctx.selset.add_field("__typename")
        touched: set[FetchGroup] = set()
        for name in self.sg.possible_types_in_graph(ctx.parent_type.name, ctx.group.subgraph):
            sub = ctx.selset.add_fragment(name)
            object_type = self.schema.get_type(name)
            touched |= self.plan_field(replace(ctx, selset=sub.selections, parent_type=object_type), field)
        return touched

    def _add_local(self, ctx: Ctx, field: CField, subgraph: str) -> set[FetchGroup]:
        parent = ctx.parent_type
        if ctx.selset.has_response_key(field.response_key, field.name):
            raise PlanningError(f'response key "{field.response_key}" collides with a key field')
        definition = parent.fields[field.name]  # type: ignore[attr-defined]
        named = get_named_type(definition.type)
        composite = field.selections is not None
        entry = ctx.selset.add_field(field.name, field.alias, field.arguments, field.directives, composite)
        if not composite:
            return {ctx.group}
        if is_abstract_type(named):
            entry.selections.add_field("__typename")  # type: ignore[union-attr]
        path = ctx.path + (field.response_key,) + ("@",) * _list_depth(definition.type)
        child = Ctx(ctx.group, entry.selections, path, named, self._child_provided(ctx, field, subgraph))  # type: ignore[arg-type]
        return self.plan_selections(child, field.selections) | {ctx.group}  # type: ignore[arg-type]

    def _child_provided(self, ctx: Ctx, field: CField, subgraph: str) -> tuple[CSelection, ...] | None:
        info = self.sg.field_in_graph(ctx.parent_type.name, field.name, subgraph)
        if info is not None and info.provides:
            return normalize_field_set(parse_field_set(info.provides))
        outer = _provided_names(ctx.provided).get(field.name)
        return outer.selections if outer is not None else None
