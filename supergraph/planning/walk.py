"""The planner's walk: selections -> fetch groups, with the entity jumps between subgraphs.

``Walk`` plans each field where ``routing.Routing`` says it is resolved: it stays in the
current fetch group or jumps to another subgraph through ``_entities`` with a key both
sides share. Keys and ``@requires`` fields are planned like client fields in the parent
context (``state.PlanState.internal`` > 0 meanwhile), so they may themselves come from a
third subgraph (the entity fetch then depends on that fetch too). The walk's mutable state
(groups, entity groups, keying and sealing markers) is the ``PlanState`` it is given.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from graphql import (
    ArgumentNode,
    DirectiveNode,
    NameNode,
    Undefined,
    ast_from_value,
    get_named_type,
    is_abstract_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)

from supergraph.planning.groups import FetchGroup, PlanningError
from supergraph.planning.routing import Routing, field_of, provided_for, provided_names
from supergraph.planning.selection import SelSet, SField
from supergraph.planning.state import Ctx, PlanState
from supergraph.planning.supergraph import KeyInfo, Supergraph
from supergraph.request.operation import CField, CFragment, CSelection, normalize_field_set
from supergraph.spec.field_sets import parse_field_set


def list_depth(type_: object) -> int:
    depth = 0
    while True:
        if is_non_null_type(type_):
            type_ = type_.of_type
        elif is_list_type(type_):
            depth += 1
            type_ = type_.of_type
        else:
            return depth


class Walk:
    """Plans selections into the groups of ``state``, choosing subgraphs with ``routing``."""

    def __init__(self, supergraph: Supergraph, routing: Routing, state: PlanState) -> None:
        self.sg = supergraph
        self.schema = supergraph.planning_schema
        self.routing = routing
        self.state = state

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
        here = ctx.group.subgraph
        if field.name == "__typename":
            if self.routing.in_interface_object(ctx):  # only the interface's home knows the type
                ctx = self._jump(ctx, self.routing.interface_home(ctx), None)
            ctx.selset.add_field("__typename", field.alias, (), field.directives, internal=self.state.internal > 0)
            return {ctx.group}
        if is_abstract_type(parent) and not self.routing.resolvable(here, parent, field.name, ctx.provided):
            target = self.routing.abstract_entity_target(ctx, field)
            if target is None:
                return self._split_abstract(ctx, field)
        elif is_abstract_type(parent) and not self.routing.every_implementation_local(ctx, field):
            return self._split_abstract(ctx, field)  # per concrete type: some jump elsewhere
        else:
            target = self.routing.choose(ctx, field, self.state.keying)
        provided = field.name in provided_names(ctx.provided)
        entity_type = self.routing.entry_type(target, parent) if target != here else parent.name
        info = self.sg.field_in_graph(entity_type or parent.name, field.name, target)
        requires = info.requires if info is not None and not provided else None
        if target == here and requires is None:
            return self._add_split(ctx, field)
        child = self._jump(ctx, target, requires, entity_type)
        return self._add_split(child, field)

    def _add_split(self, ctx: Ctx, field: CField) -> set[FetchGroup]:
        """``_add_local``, with what cannot be reached from here fetched via the parent."""
        here = ctx.group.subgraph
        split = self._parent_entity_split(ctx, field)
        if split is None:
            return self.add_local(ctx, field, here)
        local, (other, remote) = split
        touched = self.add_local(ctx, local, here) if local is not None else set()
        base = ctx
        if ctx.group.parent_ctx is not None and ctx.selset is ctx.group.selection:
            base = ctx.group.parent_ctx  # at an entity fetch's top: jump from where its keys came
        child = self._jump(base, other, None, self.routing.entry_type(other, base.parent_type))
        return touched | self.add_local(child, remote, other)

    def _parent_entity_split(self, ctx: Ctx, field: CField) -> tuple | None:
        """Sub-selections of ``field`` that no entity jump from here can reach (their type is
        no entity where they live, e.g. ``Category.details``) are fetched with the field
        again, through the *parent* entity, from a subgraph that resolves them; the rest
        stays here. Returns (local field or None, (subgraph, remote field))."""
        parent = ctx.parent_type
        here = ctx.group.subgraph
        if field.selections is None or self.state.internal or not hasattr(parent, "fields"):
            return None
        named = get_named_type(field_of(parent, field.name).type)
        inner = self._child_provided(ctx, field, here)
        bad = tuple(s for s in field.selections if not self.routing.reachable(here, named, (s,), inner))
        if not bad:
            return None
        for other in self.routing.resolving_graphs(parent.name, field.name):
            entry = self.routing.entry_type(other, parent)
            if other == here or entry is None or (ctx.path, entry, other) in self.state.keying:
                continue
            provided = self.routing.own_provides(parent.name, field.name, other)
            if self.routing.reachable(other, named, bad, provided):
                good = tuple(s for s in field.selections if s not in bad)
                return (replace(field, selections=good) if good else None), (other, replace(field, selections=bad))
        return None

    def plan_fragment(self, ctx: Ctx, fragment: CFragment) -> set[FetchGroup]:
        parent = ctx.parent_type
        condition = self.schema.get_type(fragment.type_condition) if fragment.type_condition else parent
        if condition is None:
            return set()
        if condition is parent or (
            is_object_type(parent) and is_abstract_type(condition)
            and self.schema.is_sub_type(condition, parent)
        ):
            target = (ctx.selset.add_fragment(None, fragment.directives).selections if fragment.directives
                      else ctx.selset)
            return self.plan_selections(replace(ctx, selset=target), fragment.selections)
        if is_object_type(parent):
            return set()  # never applies to this object type
        if self.routing.in_interface_object(ctx):
            home = self._jump(ctx, self.routing.interface_home(ctx), None)
            # the home's concrete __typename replaces the interface object's in the merged
            # data, so the type condition can apply
            home.selset.add_field("__typename", internal=True)
            return self.plan_fragment(home, fragment)
        spelled = self._subgraph_view(ctx, fragment, condition)
        if spelled is not None:
            return spelled
        sub = ctx.selset.add_fragment(condition.name, fragment.directives)
        return self.plan_selections(replace(ctx, selset=sub.selections, parent_type=condition,
                                            provided=provided_for(ctx.provided, condition.name)),
                                    fragment.selections)

    def _subgraph_view(self, ctx: Ctx, fragment: CFragment, condition: Any) -> set[FetchGroup] | None:
        """The fragment as the current subgraph sees its condition: dropped (an empty set)
        where it never applies, spelled out per concrete type where the subgraph's possible
        types differ from the supergraph's; None: planned as it is."""
        parent = ctx.parent_type
        here = ctx.group.subgraph
        if not self.sg.defines_type(condition.name, here):
            if not is_abstract_type(condition):
                return set()
            return self._per_type(ctx, fragment, self.sg.possible_types_in_graph(condition.name, here))
        if is_abstract_type(parent):
            # what this subgraph can return here may relate to the condition differently than
            # the supergraph says (``Oven implements Node`` only in another subgraph): drop a
            # condition it never returns, spell an abstract one out per concrete type
            runtime = self.sg.possible_types_in_graph(parent.name, here)
            if is_object_type(condition):
                if condition.name not in runtime:
                    return set()
            else:
                matching = [t for t in self.routing.possible_types(condition.name) if t in runtime]
                if not set(matching) <= set(self.sg.possible_types_in_graph(condition.name, here)):
                    return self._per_type(ctx, fragment, matching)
        return None

    def _per_type(self, ctx: Ctx, fragment: CFragment, names: list[str]) -> set[FetchGroup]:
        touched: set[FetchGroup] = set()
        for name in names:
            touched |= self.plan_fragment(ctx, replace(fragment, type_condition=name))
        return touched

    def _split_abstract(self, ctx: Ctx, field: CField) -> set[FetchGroup]:
        ctx.selset.add_field("__typename")
        touched: set[FetchGroup] = set()
        for name in self.sg.possible_types_in_graph(ctx.parent_type.name, ctx.group.subgraph):
            sub = ctx.selset.add_fragment(name)
            object_type = self.schema.get_type(name)
            assert object_type is not None  # possible_types_in_graph names types of this schema
            touched |= self.plan_field(replace(ctx, selset=sub.selections, parent_type=object_type), field)
        return touched

    def add_local(self, ctx: Ctx, field: CField, subgraph: str) -> set[FetchGroup]:
        parent = ctx.parent_type
        definition = field_of(parent, field.name)
        named = get_named_type(definition.type)
        composite = field.selections is not None
        entry = ctx.selset.add_field(field.name, field.alias, field.arguments, self._directives(field.directives),
                                     composite, internal=self.state.internal > 0)
        if field.selections is None:
            return {ctx.group}
        assert entry.selections is not None  # add_field gives a composite field its selection set
        if is_abstract_type(named):
            entry.selections.add_field("__typename")
            # the subgraph may declare a narrower type (``join__field(type: "Book")`` where the
            # supergraph has a union): plan the sub-selection against that type, so fragments
            # on other members are dropped instead of sent (invalid there)
            info = self.sg.field_in_graph(parent.name, field.name, subgraph)
            if info is not None and info.type:
                narrower = self.schema.get_type(re.sub(r"[\[\]!\s]", "", info.type))
                if narrower is not None and narrower is not named and is_object_type(narrower):
                    named = narrower
        path = ctx.path + (entry.response_key,) + ("@",) * list_depth(definition.type)
        child = Ctx(ctx.group, entry.selections, path, named, self._child_provided(ctx, field, subgraph))
        touched = self.plan_selections(child, field.selections) | {ctx.group}
        if not entry.selections:  # everything below was skipped or lives elsewhere
            entry.selections.add_field("__typename")
        return touched

    def _child_provided(self, ctx: Ctx, field: CField, subgraph: str) -> tuple[CSelection, ...] | None:
        return self.routing.inner_provided(subgraph, ctx.parent_type.name, field.name, ctx.provided)

    # ---- entity jumps --------------------------------------------------------------
    def _jump(self, ctx: Ctx, target: str, requires: str | None, entity_type: str | None = None) -> Ctx:
        type_name = entity_type or self.routing.entry_type(target, ctx.parent_type) or ctx.parent_type.name
        group = ctx.group
        if not (group.entity_type == type_name and group.subgraph == target
                and ctx.path == group.path and ctx.selset is group.selection):
            key = (group.index, ctx.path, target, type_name)
            found = self.state.entity_groups.get(key)
            if found is not None and found in self.state.sealed:
                found = None  # a fresh fetch that the sealed group will depend on
            fresh = found is not None and requires is not None and _requires_conflict(found, requires)
            if fresh:
                found = None  # one representation cannot carry price(USD) and price(EUR)
            if found is None:
                found = self.state.new_group(target, run=ctx.group.run, path=ctx.path, entity_type=type_name,
                                        parent=ctx.group, parent_ctx=ctx)
                if type_name != ctx.parent_type.name or is_abstract_type(ctx.parent_type):
                    if self.sg.is_interface_object(type_name, target):
                        found.typename_rewrite = type_name
                if not fresh:
                    self.state.entity_groups[key] = found
            group = found
            self._plan_key(ctx, group)
        if requires:
            self.state.sealed.add(group)
            try:
                self._plan_required(group.parent_ctx, group, requires)
            finally:
                self.state.sealed.discard(group)
        object_type = self.schema.get_type(type_name)
        assert object_type is not None  # an entity type or interface of this schema
        return Ctx(group, group.selection, ctx.path, object_type)

    def _plan_key(self, ctx: Ctx, group: FetchGroup) -> None:
        assert group.entity_type is not None  # _jump makes entity groups with their type
        key = self._pick_key(ctx, group.subgraph, group.entity_type)
        group.key_fields = frozenset(s.name.value for s in key.selection.selections if hasattr(s, "name"))
        ctx.selset.add_field("__typename", internal=True)
        group.requires.add_field("__typename")
        marker = (ctx.path, group.entity_type, group.subgraph)
        self.state.keying.add(marker)
        try:
            self._plan_required(ctx, group, key.fields)
        finally:
            self.state.keying.discard(marker)

    def _plan_required(self, ctx: Ctx, group: FetchGroup, field_set: str) -> None:
        selections = normalize_field_set(parse_field_set(field_set))
        self.state.internal += 1
        try:
            touched = self.plan_selections(ctx, selections)
            group.deps |= touched
        finally:
            self.state.internal -= 1
        group.deps.discard(group)
        _copy_field_set(group.requires, selections)
        # required fields may land in the parent's selection or in another fetch at the same
        # path (e.g. ``comments(limit: 3)`` next to the client's ``comments(limit: 1)``):
        # find the entry with these arguments to read its response key
        same_path = [g.selection for g in sorted(touched, key=lambda g: g.index)
                     if g is not group and g.entity_type is not None and g.path == ctx.path]
        for s in selections:
            if isinstance(s, CField) and s.name not in group.sources:
                for selset in (ctx.selset, *same_path):
                    source = selset.find(s.name, s.arguments)
                    if source is not None:
                        group.sources[s.name] = source
                        break

    def _pick_key(self, ctx: Ctx, target: str, type_name: str) -> KeyInfo:
        keys = [k for k in self.sg.keys(type_name, target) if k.resolvable]
        if not keys:
            raise PlanningError(f"{type_name} has no resolvable key in subgraph {target}")
        here = ctx.group.subgraph
        for key in keys:
            fields = normalize_field_set(key.selection)
            if self.routing.selections_ok(here, ctx.parent_type, fields, ctx.provided):
                return key
        return keys[0]

    def _directives(self, directives: tuple) -> tuple:
        """Executable directives with their supergraph defaults spelled out: a subgraph's own
        definition may lack the default (``@access(scope: Scope!)`` vs ``= PUBLIC``)."""
        if not directives:
            return directives
        out = []
        for node in directives:
            definition = self.schema.get_directive(node.name.value)
            given = {a.name.value for a in node.arguments or ()}
            missing = [
                ArgumentNode(name=NameNode(value=name), value=default)
                for name, arg in (definition.args.items() if definition is not None else ())
                if name not in given and (default := _default_literal(arg)) is not None
            ]
            out.append(DirectiveNode(name=node.name, arguments=(*(node.arguments or ()), *missing))
                       if missing else node)
        return tuple(out)


def _default_literal(arg: Any) -> Any:
    """The argument's default as a literal (None: no default)."""
    if arg.ast_node is not None and arg.ast_node.default_value is not None:
        return arg.ast_node.default_value
    if arg.default_value is Undefined:
        return None
    return ast_from_value(arg.default_value, arg.type)


def _requires_conflict(group: FetchGroup, requires: str) -> bool:
    """Whether ``requires`` needs a top-level field the group already requires with other
    arguments (each representation has one value per field name)."""
    for s in normalize_field_set(parse_field_set(requires)):
        if isinstance(s, CField) and s.arguments:
            text = SelSet().add_field(s.name, None, s.arguments).args_text
            for entry in group.requires:
                if isinstance(entry, SField) and entry.name == s.name and entry.args_text != text:
                    return True
    return False


def _copy_field_set(target: SelSet, selections: tuple[CSelection, ...]) -> None:
    for s in selections:
        if isinstance(s, CField):
            entry = target.add_field(s.name, None, s.arguments, (), s.selections is not None)
            if s.selections is not None:
                assert entry.selections is not None  # added as a composite field
                _copy_field_set(entry.selections, s.selections)
        else:
            _copy_field_set(target.add_fragment(s.type_condition).selections, s.selections)
