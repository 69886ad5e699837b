"""Read an Apollo supergraph SDL (join v0.3 - v0.5) into what planning needs.

``Supergraph.from_sdl(sdl)`` gives:

* ``api_schema``: the client-facing graphql-core schema (no ``join__``/``link__``
  elements, nothing ``@inaccessible``) used for validation, nullability and shaping;
* ``subgraphs``: lower-case subgraph name -> :class:`SubgraphInfo` (name, url);
* per type: which subgraphs define it and with which ``@key``s;
* per field: which subgraphs resolve it, with ``@requires``/``@provides``.

Spec prefixes follow the schema's ``@link``s (``as:``; read by ``supergraph.spec.links``),
so a renamed join spec works too; both schemas come from ``supergraph.spec.api_schema``.
Subgraph-level facts use the lower-case subgraph names, never the ``join__Graph`` enum
values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    EnumTypeDefinitionNode,
    GraphQLSchema,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    SelectionSetNode,
    TypeDefinitionNode,
    is_abstract_type,
    is_union_type,
    parse,
    value_from_ast_untyped,
)
from graphql.language import ConstDirectiveNode, DirectiveNode

from supergraph.spec.api_schema import api_schema
from supergraph.spec.field_sets import parse_field_set
from supergraph.spec.links import LinkedSpecs


@dataclass(frozen=True)
class SubgraphInfo:
    name: str
    url: str
    enum_value: str


@dataclass(frozen=True)
class KeyInfo:
    fields: str
    selection: SelectionSetNode
    resolvable: bool


@dataclass
class TypeInGraph:
    keys: list[KeyInfo] = field(default_factory=list)
    extension: bool = False
    interface_object: bool = False

    @property
    def resolvable_keys(self) -> list[KeyInfo]:
        return [k for k in self.keys if k.resolvable]


@dataclass(frozen=True)
class FieldInGraph:
    requires: str | None = None
    provides: str | None = None
    external: bool = False
    used_overridden: bool = False
    type: str | None = None
    override: str | None = None  # the subgraph this one took the field from
    override_label: str | None = None  # progressive override: active only with the label

    @property
    def resolvable(self) -> bool:
        return not self.external and not self.used_overridden

    def resolves(self, labels: frozenset[str]) -> bool:
        if not self.resolvable:
            return False
        if self.override_label is None:
            return True
        active = self.override_label in labels
        return active if self.override else not active


def label_active(label: str, roll: float) -> bool:
    """``percent(n)`` labels: active for ``roll`` (0..100) below n; other labels: never
    (nothing in a request enables custom labels yet)."""
    if label.startswith("percent(") and label.endswith(")"):
        try:
            return roll < float(label[len("percent("):-1])
        except ValueError:
            return False
    return False


def _args(node: DirectiveNode | ConstDirectiveNode) -> dict[str, Any]:
    return {a.name.value: value_from_ast_untyped(a.value) for a in node.arguments or ()}


class Supergraph:
    """Federation metadata of one supergraph plus its API schema."""

    def __init__(self, document: DocumentNode) -> None:
        self.document = document
        self.specs = LinkedSpecs.of(document)
        self.subgraphs: dict[str, SubgraphInfo] = {}
        self._graph_by_enum: dict[str, str] = {}
        self._types: dict[str, dict[str, TypeInGraph]] = {}
        self._fields: dict[tuple[str, str], dict[str, FieldInGraph]] = {}
        self._implements: dict[str, dict[str, set[str]]] = {}  # type -> graph -> ifaces
        self._union_members: dict[str, dict[str, set[str]]] = {}
        # fields an implementation gets from an @interfaceObject (``@join__field`` without graph)
        self._via_interface_object: set[tuple[str, str]] = set()
        self.progressive_labels: set[str] = set()
        self._read_graphs()
        self._read_types()
        self.api_schema: GraphQLSchema = api_schema(document, self.specs)
        # the API schema plus @inaccessible elements: keys and requirements may use them
        self.planning_schema: GraphQLSchema = api_schema(document, self.specs, keep_inaccessible=True)
        self._resolving: dict[tuple, tuple[str, ...]] = {}
        self._enterable: dict[tuple[str, str], bool] = {}

    @classmethod
    def from_sdl(cls, sdl: str) -> "Supergraph":
        return cls(parse(sdl))

    # ---- reading -------------------------------------------------------------
    def _directives(self, node: Any, name: str) -> list[dict[str, Any]]:
        full = self.specs.directive("join", name)
        return [_args(d) for d in node.directives or () if d.name.value == full]

    def _graph(self, enum_value: Any) -> str:
        return self._graph_by_enum.get(str(enum_value), str(enum_value).lower())

    def _read_graphs(self) -> None:
        enum_name = self.specs.directive("join", "Graph")
        for definition in self.document.definitions:
            if isinstance(definition, EnumTypeDefinitionNode) and definition.name.value == enum_name:
                for value in definition.values or ():
                    for args in self._directives(value, "graph"):
                        info = SubgraphInfo(args["name"], args.get("url") or "", value.name.value)
                        self.subgraphs[info.name] = info
                        self._graph_by_enum[info.enum_value] = info.name

    def _read_types(self) -> None:
        for definition in self.document.definitions:
            if not isinstance(definition, TypeDefinitionNode):
                continue
            if self.specs.is_spec_type(definition.name.value):
                continue
            kind, name = definition.kind, definition.name.value
            self._read_type(name, definition)
            if isinstance(definition, (ObjectTypeDefinitionNode, InterfaceTypeDefinitionNode)):
                for fdef in definition.fields or ():
                    self._read_field(name, fdef)
                impl = self._implements.setdefault(name, {})
                for args in self._directives(definition, "implements"):
                    impl.setdefault(self._graph(args["graph"]), set()).add(args["interface"])
            if kind == "union_type_definition":
                members = self._union_members.setdefault(name, {})
                for args in self._directives(definition, "unionMember"):
                    members.setdefault(self._graph(args["graph"]), set()).add(args["member"])

    def _read_type(self, name: str, definition: Any) -> None:
        graphs = self._types.setdefault(name, {})
        for args in self._directives(definition, "type"):
            info = graphs.setdefault(self._graph(args["graph"]), TypeInGraph())
            info.extension = info.extension or bool(args.get("extension"))
            info.interface_object = info.interface_object or bool(args.get("isInterfaceObject"))
            if args.get("key"):
                key = args["key"]
                resolvable = args.get("resolvable", True) is not False
                info.keys.append(KeyInfo(key, parse_field_set(key), resolvable))

    def _read_field(self, type_name: str, fdef: Any) -> None:
        joins = self._directives(fdef, "field")
        if joins and all(args.get("graph") is None for args in joins):
            self._via_interface_object.add((type_name, fdef.name.value))
            return
        if not joins:
            return  # resolvable wherever the parent type is
        graphs: dict[str, FieldInGraph] = {}
        for args in joins:
            if args.get("graph") is None:
                continue
            graphs[self._graph(args["graph"])] = FieldInGraph(
                requires=args.get("requires") or None,
                provides=args.get("provides") or None,
                external=bool(args.get("external")),
                used_overridden=bool(args.get("usedOverridden")),
                type=args.get("type"),
                override=args.get("override") or None,
                override_label=args.get("overrideLabel") or None,
            )
            if args.get("overrideLabel"):
                self.progressive_labels.add(args["overrideLabel"])
        self._fields[(type_name, fdef.name.value)] = graphs

    # ---- queries -------------------------------------------------------------
    def type_graphs(self, type_name: str) -> dict[str, TypeInGraph]:
        """Subgraphs defining ``type_name`` (all subgraphs when not annotated)."""
        graphs = self._types.get(type_name)
        if graphs:
            return graphs
        return {name: TypeInGraph() for name in self.subgraphs}

    def field_in_graph(self, type_name: str, field_name: str, graph: str) -> FieldInGraph | None:
        graphs = self._fields.get((type_name, field_name))
        if graphs is None:
            return FieldInGraph() if graph in self.type_graphs(type_name) else None
        return graphs.get(graph)

    def resolving_graphs(
        self, type_name: str, field_name: str, labels: frozenset[str] = frozenset()
    ) -> tuple[str, ...]:
        """Subgraphs that can resolve ``type_name.field_name``, in declaration order.

        ``labels``: the active progressive-override labels of the request."""
        key = (type_name, field_name, labels)
        cached = self._resolving.get(key)
        if cached is None:
            graphs = self._fields.get((type_name, field_name))
            if (type_name, field_name) in self._via_interface_object:
                cached = self._interface_object_graphs(type_name, field_name)
            elif graphs is None:
                cached = tuple(self.type_graphs(type_name))
            else:
                found = [g for g, info in graphs.items() if info.resolves(labels)]
                for info in graphs.values():  # an inactive progressive override: the old owner
                    if info.override and info.override_label and not info.resolves(labels):
                        old = self._graph_named(info.override)
                        if old and old not in found and old in self.type_graphs(type_name):
                            found.append(old)
                cached = tuple(found)
            self._resolving[key] = cached
        return cached

    def _graph_named(self, name: str) -> str | None:
        for graph in self.subgraphs:
            if graph.lower() == name.lower():
                return graph
        return None

    def _interface_object_graphs(self, type_name: str, field_name: str) -> tuple[str, ...]:
        schema_type = self.api_schema.get_type(type_name)
        found: list[str] = []
        for interface in getattr(schema_type, "interfaces", ()):
            if field_name not in interface.fields:
                continue
            for graph in self.resolving_graphs(interface.name, field_name):
                if self.is_interface_object(interface.name, graph) and graph not in found:
                    found.append(graph)
        return tuple(found)

    def is_interface_object(self, type_name: str, graph: str) -> bool:
        info = self._types.get(type_name, {}).get(graph)
        return bool(info and info.interface_object)

    def keys(self, type_name: str, graph: str) -> list[KeyInfo]:
        info = self.type_graphs(type_name).get(graph)
        return info.keys if info else []

    def enterable(self, type_name: str, graph: str) -> bool:
        """``graph`` has a resolvable key for ``type_name`` (can be entered by ``_entities``)."""
        key = (type_name, graph)
        found = self._enterable.get(key)
        if found is None:
            found = self._enterable[key] = any(k.resolvable for k in self.keys(type_name, graph))
        return found

    def is_entity(self, type_name: str, graph: str) -> bool:
        return bool(self.keys(type_name, graph))

    def defines_type(self, type_name: str, graph: str) -> bool:
        return graph in self.type_graphs(type_name)

    def possible_types_in_graph(self, abstract: str, graph: str) -> list[str]:
        """Concrete types the subgraph can return for an abstract type (``@inaccessible`` ones
        included: a subgraph still returns them, the router hides them from clients)."""
        schema_type = self.planning_schema.get_type(abstract)
        if schema_type is None or not is_abstract_type(schema_type):  # nothing else has possible types
            return []
        result = []
        for obj in self.planning_schema.get_possible_types(schema_type):
            if not self.defines_type(obj.name, graph):
                continue
            if is_union_type(schema_type):
                members = self._union_members.get(abstract, {}).get(graph)
                if members is not None and obj.name not in members:
                    continue
            else:
                implements = self._implements.get(obj.name) or {}
                if implements and abstract not in implements.get(graph, ()):
                    continue
            result.append(obj.name)
        return result
