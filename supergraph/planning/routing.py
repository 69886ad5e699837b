"""Which subgraph resolves a field: the planner's choices, kept apart from the walk.

``Routing`` answers for one supergraph and one request's progressive-override labels:
it stays in the current subgraph when that one can resolve a field with its whole
sub-selection, else picks a subgraph it can enter with a key (the entity type itself, or
an ``@interfaceObject`` interface of it), and answers the interface questions
(interface-object home, per-type splits). It holds no walk state: ``choose`` is handed
the walk's ``keying`` markers (``state.PlanState``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
    is_object_type,
)

from supergraph.planning.groups import PlanningError
from supergraph.planning.state import Ctx
from supergraph.planning.supergraph import Supergraph
from supergraph.request.operation import CField, CFragment, CSelection, normalize_field_set
from supergraph.spec.field_sets import parse_field_set


def field_of(parent: GraphQLNamedType, name: str) -> GraphQLField:
    """``parent``'s field ``name``: ``parent`` is the object or interface type declaring it."""
    if not isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)):
        raise TypeError(f"{parent.name} has no fields")
    return parent.fields[name]


def provided_names(provided: tuple[CSelection, ...] | None) -> dict[str, CField]:
    return {s.name: s for s in provided or () if isinstance(s, CField)}


def provided_for(provided: tuple[CSelection, ...] | None, type_name: str) -> tuple[CSelection, ...] | None:
    """What ``@provides`` makes available inside a fragment on ``type_name``: its plain
    fields plus those of its fragments on that type (``@provides(fields: "... on Book
    { title }")``)."""
    if not provided:
        return provided
    out: list[CSelection] = []
    for s in provided:
        if isinstance(s, CField):
            out.append(s)
        elif s.type_condition in (None, type_name):
            out.extend(provided_for(s.selections, type_name) or ())
    return tuple(out)


@lru_cache(maxsize=1024)
def provides_selections(field_set: str) -> tuple[CSelection, ...]:
    """A ``@provides`` field set, parsed and normalized once (the result is immutable)."""
    return normalize_field_set(parse_field_set(field_set))


def _size(selections: tuple | None) -> int:
    return sum((1 if isinstance(s, CField) else 0) + _size(s.selections) for s in selections or ())


class Routing:
    """Subgraph choices over ``supergraph`` for a request's active ``labels``."""

    def __init__(self, supergraph: Supergraph, labels: frozenset[str] = frozenset()) -> None:
        self.sg = supergraph
        self.schema = supergraph.planning_schema
        self.labels = labels

    def resolving_graphs(self, type_name: str, field: str) -> tuple[str, ...]:
        """The subgraphs resolving ``type_name.field`` under this request's labels."""
        return self.sg.resolving_graphs(type_name, field, self.labels)

    def possible_types(self, type_name: str) -> list[str]:
        schema_type = self.schema.get_type(type_name)
        if is_abstract_type(schema_type):
            return [t.name for t in self.schema.get_possible_types(schema_type)]
        return [type_name]

    def field_type(self, parent: str, field: str, subgraph: str) -> tuple[str, bool] | None:
        """The field's type in ``subgraph`` (``join__field(type:)`` when it differs) and
        whether it is composite."""
        schema_type = self.schema.get_type(parent)
        fields = getattr(schema_type, "fields", None)
        if not fields or field not in fields:
            return None
        info = self.sg.field_in_graph(parent, field, subgraph)
        text = info.type if info is not None and info.type else str(fields[field].type)
        return text, not is_leaf_type(get_named_type(fields[field].type))

    def every_implementation_local(self, ctx: Ctx, field: CField) -> bool:
        if field.name in provided_names(ctx.provided):
            return True
        here = ctx.group.subgraph
        return all(
            here in self.sg.resolving_graphs(name, field.name, self.labels)
            for name in self.sg.possible_types_in_graph(ctx.parent_type.name, here)
            if field.name in getattr(self.schema.get_type(name), "fields", {})
        )

    # ---- interfaces across subgraphs (entity interfaces, @interfaceObject) ----------
    def in_interface_object(self, ctx: Ctx) -> bool:
        return is_abstract_type(ctx.parent_type) and self.sg.is_interface_object(
            ctx.parent_type.name, ctx.group.subgraph)

    def interface_home(self, ctx: Ctx) -> str:
        """A subgraph where the interface is a real entity interface (knows the types)."""
        name = ctx.parent_type.name
        for graph, info in self.sg.type_graphs(name).items():
            if not info.interface_object and info.resolvable_keys:
                return graph
        raise PlanningError(f"no subgraph resolves the concrete types of {name}")

    def abstract_entity_target(self, ctx: Ctx, field: CField) -> str | None:
        """A subgraph resolving ``field`` on the interface itself, entered by its key."""
        parent = ctx.parent_type
        for graph in self.sg.resolving_graphs(parent.name, field.name, self.labels):
            if graph != ctx.group.subgraph and self._can_enter(graph, parent.name):
                return graph
        return None

    def entry_type(self, subgraph: str, parent: GraphQLNamedType) -> str | None:
        """Entity type to enter ``subgraph`` with for objects of ``parent``."""
        if self._can_enter(subgraph, parent.name):
            return parent.name
        for interface in getattr(parent, "interfaces", ()):
            if self.sg.is_interface_object(interface.name, subgraph) and self._can_enter(subgraph, interface.name):
                return interface.name
        return None

    # ---- choosing subgraphs ------------------------------------------------------
    def resolvable(self, subgraph: str, parent: GraphQLNamedType, name: str, provided: tuple | None) -> bool:
        if name == "__typename" or name in provided_names(provided):
            return True
        return subgraph in self.sg.resolving_graphs(parent.name, name, self.labels)

    def _can_enter(self, subgraph: str, type_name: str) -> bool:
        return self.sg.enterable(type_name, subgraph)

    def choose(self, ctx: Ctx, field: CField, keying: set[tuple]) -> str:
        here = ctx.group.subgraph
        parent = ctx.parent_type
        if self.resolvable(here, parent, field.name, ctx.provided):
            if self.local_ok(here, parent, field, ctx.provided):
                return here
        candidates = [
            c for c in self.sg.resolving_graphs(parent.name, field.name, self.labels)
            if c != here and self.entry_type(c, parent) is not None
            and (ctx.path, self.entry_type(c, parent), c) not in keying
        ]
        candidates.sort(key=lambda c: not self._direct_key(ctx, c))
        for candidate in candidates:
            if self.local_ok(candidate, parent, field):
                return candidate
        if self.resolvable(here, parent, field.name, ctx.provided):
            return here
        if candidates:
            return candidates[0]
        raise PlanningError(f"cannot reach {parent.name}.{field.name} from subgraph {here}")

    def own_provides(self, parent: str, field: str, subgraph: str) -> tuple[CSelection, ...] | None:
        """``field``'s ``@provides`` in ``subgraph``, or None."""
        info = self.sg.field_in_graph(parent, field, subgraph)
        return provides_selections(info.provides) if info is not None and info.provides else None

    def inner_provided(self, subgraph: str, parent: str, field: str,
                        provided: tuple | None) -> tuple[CSelection, ...] | None:
        """What ``subgraph`` provides below ``field``: its own ``@provides``, else what the
        enclosing field's provides say about it."""
        own = self.own_provides(parent, field, subgraph)
        if own is not None:
            return own
        outer = provided_names(provided).get(field)
        return outer.selections if outer is not None else None

    def local_ok(self, subgraph: str, parent: GraphQLNamedType, field: CField, provided: tuple | None = None) -> bool:
        """Can ``subgraph`` resolve ``field``'s sub-selection without a dead end?"""
        if field.selections is None or field.name.startswith("__"):
            return True
        named = get_named_type(field_of(parent, field.name).type)
        if is_leaf_type(named) or (is_object_type(named) and self._can_enter(subgraph, named.name)):
            return True
        return self.selections_ok(subgraph, named, field.selections,
                                   self.inner_provided(subgraph, parent.name, field.name, provided))

    def selections_ok(self, subgraph: str, parent: GraphQLNamedType, selections: tuple, provided: tuple | None) -> bool:
        for s in selections:
            if isinstance(s, CFragment):
                condition = self.schema.get_type(s.type_condition) if s.type_condition else parent
                inner = provided_for(provided, condition.name) if condition is not None else provided
                if self._never_here(subgraph, parent, condition):
                    continue  # the subgraph never returns that type here: the fragment is dropped
                if is_object_type(condition) and not self.selections_ok(
                        subgraph, condition, s.selections, inner):
                    return False
                continue
            if s.name == "__typename" or not hasattr(parent, "fields") or s.name not in parent.fields:
                continue
            if not self.resolvable(subgraph, parent, s.name, provided):
                return False
            if not self.local_ok(subgraph, parent, s, provided):
                return False
        return True

    def _never_here(self, subgraph: str, parent: Any, condition: Any) -> bool:
        """A fragment on an object type ``subgraph`` cannot return for an abstract ``parent``."""
        return (is_abstract_type(parent) and is_object_type(condition)
                and condition.name not in self.sg.possible_types_in_graph(parent.name, subgraph))

    def misses(self, subgraph: str, parent: GraphQLNamedType, selections: tuple, provided: tuple | None) -> int:
        """How many requested fields ``subgraph`` cannot resolve itself (each one is a jump
        to another subgraph): ranks candidates when none can resolve everything."""
        count = 0
        for s in selections:
            if isinstance(s, CFragment):
                condition = self.schema.get_type(s.type_condition) if s.type_condition else parent
                condition = condition or parent
                if self._never_here(subgraph, parent, condition):
                    continue
                count += self.misses(subgraph, condition, s.selections, provided_for(provided, condition.name))
                continue
            if s.name == "__typename" or s.name not in getattr(parent, "fields", {}):
                continue
            if not self.resolvable(subgraph, parent, s.name, provided):
                count += 1 + _size(s.selections)  # everything below comes from elsewhere too
            elif s.selections is not None:
                named = get_named_type(field_of(parent, s.name).type)
                inner = self.inner_provided(subgraph, parent.name, s.name, provided)
                count += self.misses(subgraph, named, s.selections, inner)
        return count

    def reachable(self, subgraph: str, parent: GraphQLNamedType, selections: tuple, provided: tuple | None) -> bool:
        """Can every field ``subgraph`` misses be fetched by an entity jump from there?"""
        for s in selections:
            if isinstance(s, CFragment):
                condition = self.schema.get_type(s.type_condition) if s.type_condition else parent
                condition = condition or parent
                if self._never_here(subgraph, parent, condition):
                    continue
                if not self.reachable(subgraph, condition, s.selections, provided_for(provided, condition.name)):
                    return False
                continue
            if s.name == "__typename" or s.name not in getattr(parent, "fields", {}):
                continue
            if not self.resolvable(subgraph, parent, s.name, provided):
                if not any(self._enterable_from(subgraph, g, parent, provided)
                           for g in self.sg.resolving_graphs(parent.name, s.name, self.labels)):
                    return False
            elif s.selections is not None:
                named = get_named_type(field_of(parent, s.name).type)
                inner = self.inner_provided(subgraph, parent.name, s.name, provided)
                if not self.reachable(subgraph, named, s.selections, inner):
                    return False
        return True

    def _enterable_from(self, here: str, target: str, parent: Any, provided: tuple | None) -> bool:
        """Can objects of ``parent`` fetched in ``here`` enter ``target`` (an entity there
        with a key ``here`` can resolve)?"""
        entity_type = self.entry_type(target, parent)
        if entity_type is None:
            return False
        return any(
            k.resolvable and self.selections_ok(here, parent, normalize_field_set(k.selection), provided)
            for k in self.sg.keys(entity_type, target)
        )

    def _direct_key(self, ctx: Ctx, target: str) -> bool:
        """Does ``target`` have a key the current subgraph can resolve by itself?"""
        here = ctx.group.subgraph
        entity_type = self.entry_type(target, ctx.parent_type) or ctx.parent_type.name
        return any(
            k.resolvable and self.selections_ok(here, ctx.parent_type, normalize_field_set(k.selection), ctx.provided)
            for k in self.sg.keys(entity_type, target)
        )
