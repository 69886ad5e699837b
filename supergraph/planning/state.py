"""What one planning walk keeps: its position (``Ctx``) and its fetch groups (``PlanState``).

``Ctx`` is a position in the walk: the fetch group being filled, the selection set inside
it, the response path, the parent type and what an enclosing ``@provides`` makes
available. ``PlanState`` is the mutable state of one plan: the groups made so far, the
entity groups by (parent group, path, subgraph, type), and the markers that stop the walk
from looping while it plans keys and ``@requires`` fields. The walk (``walk.Walk``) and
the root planning (``planner``) share one ``PlanState``; subgraph choices
(``routing.Routing``) read only the ``keying`` markers they are handed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLNamedType

from supergraph.planning.groups import FetchGroup
from supergraph.planning.selection import SelSet
from supergraph.request.operation import CSelection


@dataclass(frozen=True)
class Ctx:
    group: FetchGroup
    selset: SelSet
    path: tuple[str, ...]
    parent_type: GraphQLNamedType
    provided: tuple[CSelection, ...] | None = None


@dataclass
class PlanState:
    groups: list[FetchGroup] = field(default_factory=list)
    entity_groups: dict[tuple, FetchGroup] = field(default_factory=dict)
    # (path, type, subgraph) whose key is being planned
    keying: set[tuple] = field(default_factory=set)
    # > 0 while planning key / @requires fields
    internal: int = 0
    # groups whose @requires are being planned: a required field that must come from the
    # same subgraph (e.g. a -> b -> a chains) gets its own earlier fetch, never the
    # group that needs it (that would be a cycle)
    sealed: set[FetchGroup] = field(default_factory=set)

    def new_group(self, subgraph: str, **kwargs: Any) -> FetchGroup:
        group = FetchGroup(len(self.groups), subgraph, **kwargs)
        self.groups.append(group)
        return group
