"""Operation -> ``QueryPlan`` over a :class:`Supergraph`.

The walk keeps a *context* per position: the fetch group being filled, the selection
set inside it, the response path, the parent type and what an enclosing ``@provides``
makes available. For each field it stays in the current subgraph when that subgraph
can resolve the field (and its value-type sub-selection); otherwise it jumps to another
subgraph through ``_entities`` with a key both sides share. Keys and ``@requires``
fields are planned like client fields in the parent context, so they may themselves
come from a third subgraph (the entity fetch then depends on that fetch too).

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

import re
from dataclasses import replace
from typing import Any, Mapping

from graphql import (
    ArgumentNode,
    DirectiveNode,
    DocumentNode,
    NameNode,
    Undefined,
    ast_from_value,
    GraphQLNamedType,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
    is_object_type,
)

from supergraph.request.cache import LRUCache
from supergraph.request.conditions import apply_conditions
from supergraph.planning.fieldset import parse_field_set
from supergraph.planning.groups import FetchBuilder, FetchGroup, PlanningError
from supergraph.request.operation import (
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
from supergraph.planning.routing import Ctx, SubgraphChoice, _list_depth, _provided_names, provided_for
from supergraph.planning.supergraph import KeyInfo, Supergraph

__all__ = ["QueryPlanner", "PlanningError", "build_plan"]


class _Builder(SubgraphChoice):
    def __init__(
        self,
        supergraph: Supergraph,
        document: DocumentNode,
        operation_name: str | None,
        selections: tuple[CSelection, ...] | None = None,
        labels: frozenset[str] = frozenset(),
    ):
        self.sg = supergraph
        self.schema = supergraph.planning_schema
        self.labels = labels
        self.operation = select_operation(document, operation_name)
        self.fragments = fragments_of(document)
        self.selections = selections
        self.groups: list[FetchGroup] = []
        self.entity_groups: dict[tuple, FetchGroup] = {}
        self.keying: set[tuple] = set()  # (path, type, subgraph) whose key is being planned
        self.internal = 0  # > 0 while planning key / @requires fields
        # groups whose @requires are being planned: a required field that must come from the
        # same subgraph (e.g. a -> b -> a chains) gets its own earlier fetch, never the
        # group that needs it (that would be a cycle)
        self.sealed: set[FetchGroup] = set()

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
                    current = self._new_group(subgraph, run=len(roots) + 1)
                    roots[f"{subgraph}#{current.index}"] = current
            else:
                current = roots.get(subgraph) or self._new_group(subgraph, run=0)
                roots[subgraph] = current
            self._add_local(Ctx(current, current.selection, (), root_type), field, subgraph)
        builder = FetchBuilder(self.operation, self._possible_types, self._field_type, root_type.name)
        return QueryPlan(kind, builder.plan_node(self.groups))

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
        candidates = self.sg.resolving_graphs(root_type.name, field.name, self.labels)
        if kind != "query" or field.selections is None or len(candidates) < 2 or any(
                self._local_ok(c, root_type, field) for c in candidates):
            return [(self._choose_root(root_type, field, roots), field)]
        named = get_named_type(root_type.fields[field.name].type)  # type: ignore[attr-defined]
        # one subgraph whose missing fields entity jumps can fetch beats splitting the field
        # (another candidate may fail for what it cannot resolve)
        reachable = [c for c in candidates
                     if self._reachable(c, named, field.selections, self._root_provided(c, root_type, field))]
        if reachable:
            misses = {c: self._root_misses(c, root_type, field) for c in reachable}
            best = [c for c in reachable if misses[c] == min(misses.values())]
            return [(next((c for c in best if c in roots), best[0]), field)]
        split: dict[str, list[CSelection]] = {}
        for selection in field.selections:
            ok = [c for c in candidates if self._selections_ok(c, named, (selection,), None)]
            choice = next((c for c in ok if c in split or c in roots), ok[0] if ok else candidates[0])
            split.setdefault(choice, []).append(selection)
        return [(graph, replace(field, selections=tuple(subs))) for graph, subs in split.items()]

    def _choose_root(self, root_type: GraphQLNamedType, field: CField, roots: dict) -> str:
        candidates = self.sg.resolving_graphs(root_type.name, field.name, self.labels)
        if not candidates:
            raise PlanningError(f"no subgraph resolves {root_type.name}.{field.name}")
        ok = [c for c in candidates if self._local_ok(c, root_type, field)]
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

    def _field_type(self, parent: str, field: str, subgraph: str) -> tuple[str, bool] | None:
        """The field's type in ``subgraph`` (``join__field(type:)`` when it differs) and
        whether it is composite."""
        schema_type = self.schema.get_type(parent)
        fields = getattr(schema_type, "fields", None)
        if not fields or field not in fields:
            return None
        info = self.sg.field_in_graph(parent, field, subgraph)
        text = info.type if info is not None and info.type else str(fields[field].type)
        return text, not is_leaf_type(get_named_type(fields[field].type))

    def _root_provided(self, subgraph: str, root_type: GraphQLNamedType, field: CField) -> tuple | None:
        return self._own_provides(root_type.name, field.name, subgraph)

    def _root_misses(self, subgraph: str, root_type: GraphQLNamedType, field: CField) -> int:
        if field.selections is None:
            return 0
        named = get_named_type(root_type.fields[field.name].type)  # type: ignore[attr-defined]
        return self._misses(subgraph, named, field.selections, self._root_provided(subgraph, root_type, field))

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
        here = ctx.group.subgraph
        if field.name == "__typename":
            if self._in_interface_object(ctx):  # only the interface's home knows the type
                ctx = self._jump(ctx, self._interface_home(ctx), None)
            ctx.selset.add_field("__typename", field.alias, (), field.directives, internal=self.internal > 0)
            return {ctx.group}
        if is_abstract_type(parent) and not self._resolvable(here, parent, field.name, ctx.provided):
            target = self._abstract_entity_target(ctx, field)
            if target is None:
                return self._split_abstract(ctx, field)
        elif is_abstract_type(parent) and not self._every_implementation_local(ctx, field):
            return self._split_abstract(ctx, field)  # per concrete type: some jump elsewhere
        else:
            target = self._choose(ctx, field)
        provided = field.name in _provided_names(ctx.provided)
        entity_type = self._entry_type(target, parent) if target != here else parent.name
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
            return self._add_local(ctx, field, here)
        local, (other, remote) = split
        touched = self._add_local(ctx, local, here) if local is not None else set()
        base = ctx
        if ctx.group.parent_ctx is not None and ctx.selset is ctx.group.selection:
            base = ctx.group.parent_ctx  # at an entity fetch's top: jump from where its keys came
        child = self._jump(base, other, None, self._entry_type(other, base.parent_type))
        return touched | self._add_local(child, remote, other)

    def _parent_entity_split(self, ctx: Ctx, field: CField) -> tuple | None:
        """Sub-selections of ``field`` that no entity jump from here can reach (their type is
        no entity where they live, e.g. ``Category.details``) are fetched with the field
        again, through the *parent* entity, from a subgraph that resolves them; the rest
        stays here. Returns (local field or None, (subgraph, remote field))."""
        parent = ctx.parent_type
        here = ctx.group.subgraph
        if field.selections is None or self.internal or not hasattr(parent, "fields"):
            return None
        named = get_named_type(parent.fields[field.name].type)  # type: ignore[attr-defined]
        inner = self._child_provided(ctx, field, here)
        bad = tuple(s for s in field.selections if not self._reachable(here, named, (s,), inner))
        if not bad:
            return None
        for other in self.sg.resolving_graphs(parent.name, field.name, self.labels):
            entry = self._entry_type(other, parent)
            if other == here or entry is None or (ctx.path, entry, other) in self.keying:
                continue
            provided = self._own_provides(parent.name, field.name, other)
            if self._reachable(other, named, bad, provided):
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
            and self.schema.is_sub_type(condition, parent)  # type: ignore[arg-type]
        ):
            target = ctx.selset.add_fragment(None, fragment.directives).selections if fragment.directives else ctx.selset
            return self.plan_selections(replace(ctx, selset=target), fragment.selections)
        if is_object_type(parent):
            return set()  # never applies to this object type
        if self._in_interface_object(ctx):
            home = self._jump(ctx, self._interface_home(ctx), None)
            # the home's concrete __typename replaces the interface object's in the merged
            # data, so the type condition can apply
            home.selset.add_field("__typename", internal=True)
            return self.plan_fragment(home, fragment)
        here = ctx.group.subgraph
        if not self.sg.defines_type(condition.name, here):
            if not is_abstract_type(condition):
                return set()
            touched: set[FetchGroup] = set()
            for name in self.sg.possible_types_in_graph(condition.name, here):
                touched |= self.plan_fragment(ctx, replace(fragment, type_condition=name))
            return touched
        if is_abstract_type(parent):
            # what this subgraph can return here may relate to the condition differently than
            # the supergraph says (``Oven implements Node`` only in another subgraph): drop a
            # condition it never returns, spell an abstract one out per concrete type
            runtime = self.sg.possible_types_in_graph(parent.name, here)
            if is_object_type(condition):
                if condition.name not in runtime:
                    return set()
            else:
                matching = [t for t in self._possible_types(condition.name) if t in runtime]
                if not set(matching) <= set(self.sg.possible_types_in_graph(condition.name, here)):
                    touched = set()
                    for name in matching:
                        touched |= self.plan_fragment(ctx, replace(fragment, type_condition=name))
                    return touched
        sub = ctx.selset.add_fragment(condition.name, fragment.directives)
        return self.plan_selections(replace(ctx, selset=sub.selections, parent_type=condition,
                                            provided=provided_for(ctx.provided, condition.name)),
                                    fragment.selections)

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
        definition = parent.fields[field.name]  # type: ignore[attr-defined]
        named = get_named_type(definition.type)
        composite = field.selections is not None
        entry = ctx.selset.add_field(field.name, field.alias, field.arguments, self._directives(field.directives),
                                     composite, internal=self.internal > 0)
        if not composite:
            return {ctx.group}
        if is_abstract_type(named):
            entry.selections.add_field("__typename")  # type: ignore[union-attr]
            # the subgraph may declare a narrower type (``join__field(type: "Book")`` where the
            # supergraph has a union): plan the sub-selection against that type, so fragments
            # on other members are dropped instead of sent (invalid there)
            info = self.sg.field_in_graph(parent.name, field.name, subgraph)
            if info is not None and info.type:
                narrower = self.schema.get_type(re.sub(r"[\[\]!\s]", "", info.type))
                if narrower is not None and narrower is not named and is_object_type(narrower):
                    named = narrower
        path = ctx.path + (entry.response_key,) + ("@",) * _list_depth(definition.type)
        child = Ctx(ctx.group, entry.selections, path, named, self._child_provided(ctx, field, subgraph))  # type: ignore[arg-type]
        touched = self.plan_selections(child, field.selections) | {ctx.group}  # type: ignore[arg-type]
        if not entry.selections:  # everything below was skipped or lives elsewhere
            entry.selections.add_field("__typename")  # type: ignore[union-attr]
        return touched

    def _child_provided(self, ctx: Ctx, field: CField, subgraph: str) -> tuple[CSelection, ...] | None:
        return self._inner_provided(subgraph, ctx.parent_type.name, field.name, ctx.provided)

    # ---- entity jumps --------------------------------------------------------------
    def _jump(self, ctx: Ctx, target: str, requires: str | None, entity_type: str | None = None) -> Ctx:
        type_name = entity_type or self._entry_type(target, ctx.parent_type) or ctx.parent_type.name
        group = ctx.group
        if not (group.entity_type == type_name and group.subgraph == target
                and ctx.path == group.path and ctx.selset is group.selection):
            key = (group.index, ctx.path, target, type_name)
            group = self.entity_groups.get(key)  # type: ignore[assignment]
            if group is not None and group in self.sealed:
                group = None  # a fresh fetch that the sealed group will depend on
            fresh = group is not None and requires is not None and _requires_conflict(group, requires)
            if fresh:
                group = None  # one representation cannot carry price(USD) and price(EUR)
            if group is None:
                group = self._new_group(target, run=ctx.group.run, path=ctx.path, entity_type=type_name,
                                        parent=ctx.group, parent_ctx=ctx)
                if type_name != ctx.parent_type.name or is_abstract_type(ctx.parent_type):
                    if self.sg.is_interface_object(type_name, target):
                        group.typename_rewrite = type_name
                if not fresh:
                    self.entity_groups[key] = group
            self._plan_key(ctx, group)
        if requires:
            self.sealed.add(group)
            try:
                self._plan_required(group.parent_ctx, group, requires)
            finally:
                self.sealed.discard(group)
        object_type = self.schema.get_type(type_name)
        return Ctx(group, group.selection, ctx.path, object_type)  # type: ignore[arg-type]

    def _plan_key(self, ctx: Ctx, group: FetchGroup) -> None:
        key = self._pick_key(ctx, group.subgraph, group.entity_type)  # type: ignore[arg-type]
        group.key_fields = frozenset(s.name.value for s in key.selection.selections if hasattr(s, "name"))
        ctx.selset.add_field("__typename", internal=True)
        group.requires.add_field("__typename")
        marker = (ctx.path, group.entity_type, group.subgraph)
        self.keying.add(marker)
        try:
            self._plan_required(ctx, group, key.fields)
        finally:
            self.keying.discard(marker)

    def _plan_required(self, ctx: Ctx, group: FetchGroup, field_set: str) -> None:
        selections = normalize_field_set(parse_field_set(field_set))
        self.internal += 1
        try:
            touched = self.plan_selections(ctx, selections)
            group.deps |= touched
        finally:
            self.internal -= 1
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
            if self._selections_ok(here, ctx.parent_type, fields, ctx.provided):
                return key
        return keys[0]


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
            wanted = SelSet()
            wanted.add_field(s.name, None, s.arguments)
            text = next(iter(wanted)).args_text  # type: ignore[union-attr]
            for entry in group.requires:
                if getattr(entry, "name", None) == s.name and entry.args_text != text:  # type: ignore[union-attr]
                    return True
    return False


def _copy_field_set(target: SelSet, selections: tuple[CSelection, ...]) -> None:
    for s in selections:
        if isinstance(s, CField):
            entry = target.add_field(s.name, None, s.arguments, (), s.selections is not None)
            if s.selections is not None:
                _copy_field_set(entry.selections, s.selections)  # type: ignore[arg-type]
        else:
            _copy_field_set(target.add_fragment(s.type_condition).selections, s.selections)


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
