"""The merged (supergraph) model that the printer turns into SDL.

Each element remembers which subgraphs define it; `join__*` directives are derived from
that. Lists are kept in a deterministic order (subgraphs by name, members as merged).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import TypeNode, ValueNode

from supergraph.composition.model import Key, Kind, ListSize


@dataclass(frozen=True)
class JoinField:
    graph: str
    requires: str | None = None
    provides: str | None = None
    type: str | None = None
    external: bool = False
    override: str | None = None
    used_overridden: bool = False
    override_label: str | None = None


@dataclass(frozen=True)
class JoinType:
    graph: str
    key: str | None = None
    extension: bool = False
    resolvable: bool = True
    interface_object: bool = False


@dataclass
class Security:
    """The composed (non-join) directives of an element: security ones and demand control
    (``@cost``: the largest weight any subgraph set; ``@listSize``: ``ListSize.merge``)."""

    inaccessible: bool = False
    authenticated: bool = False
    scopes: list[list[str]] = field(default_factory=list)
    cost: int | None = None
    list_size: ListSize | None = None

    def absorb(self, source) -> None:
        self.inaccessible = self.inaccessible or getattr(source, "inaccessible", False)
        self.authenticated = self.authenticated or getattr(source, "authenticated", False)
        for group in getattr(source, "scopes", None) or []:
            if group not in self.scopes:
                self.scopes.append(list(group))
        cost = getattr(source, "cost", None)
        if cost is not None:
            self.cost = cost if self.cost is None else max(self.cost, cost)
        size = getattr(source, "list_size", None)
        if size is not None:
            self.list_size = size if self.list_size is None else self.list_size.merge(size)


@dataclass
class MergedArg:
    name: str
    type: TypeNode
    default: ValueNode | None = None
    description: str | None = None
    deprecation: str | None = None
    security: Security = field(default_factory=Security)


@dataclass
class MergedField:
    name: str
    type: TypeNode
    description: str | None = None
    deprecation: str | None = None
    default: ValueNode | None = None
    args: dict[str, MergedArg] = field(default_factory=dict)
    join: list[JoinField] | None = None
    security: Security = field(default_factory=Security)


@dataclass
class MergedEnumValue:
    name: str
    graphs: list[str]
    description: str | None = None
    deprecation: str | None = None
    security: Security = field(default_factory=Security)


@dataclass
class MergedType:
    name: str
    kind: Kind
    description: str | None = None
    join_types: list[JoinType] = field(default_factory=list)
    fields: dict[str, MergedField] = field(default_factory=dict)
    implements: list[tuple[str, str]] = field(default_factory=list)  # (graph, interface)
    members: list[tuple[str, str]] = field(default_factory=list)  # (graph, member)
    values: dict[str, MergedEnumValue] = field(default_factory=dict)
    security: Security = field(default_factory=Security)

    @property
    def interfaces(self) -> list[str]:
        return sorted({iface for _, iface in self.implements})

    @property
    def member_names(self) -> list[str]:
        seen: list[str] = []
        for _, member in self.members:
            if member not in seen:
                seen.append(member)
        return seen


@dataclass
class Graph:
    enum_name: str
    name: str
    url: str


@dataclass
class Supergraph:
    graphs: list[Graph]
    types: dict[str, MergedType]

    def uses(self, attribute: str) -> bool:
        def elements():
            for typedef in self.types.values():
                yield typedef.security
                for fld in typedef.fields.values():
                    yield fld.security
                    yield from (arg.security for arg in fld.args.values())
                yield from (value.security for value in typedef.values.values())

        def present(value) -> bool:
            return value is not None and value is not False and value != []

        return any(present(getattr(security, attribute)) for security in elements())


def join_type_for(graph: str, key: Key | None, interface_object: bool) -> JoinType:
    if key is None:
        return JoinType(graph, interface_object=interface_object)
    return JoinType(graph, key.fields, key.extension, key.resolvable, interface_object)
