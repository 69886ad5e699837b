"""Read an Apollo supergraph SDL (join v0.3 - v0.5) into what planning needs.

``Supergraph.from_sdl(sdl)`` gives:

* ``api_schema``: the client-facing graphql-core schema (no ``join__``/``link__``
  elements, nothing ``@inaccessible``) used for validation, nullability and shaping;
* ``subgraphs``: lower-case subgraph name -> :class:`SubgraphInfo` (name, url);
* per type: which subgraphs define it and with which ``@key``s;
* per field: which subgraphs resolve it, with ``@requires``/``@provides``.

Spec prefixes follow the schema's ``@link`` imports (``as:``), so a renamed join spec
works too. Subgraph-level facts use the lower-case subgraph names, never the
``join__Graph`` enum values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLSchema,
    SelectionSetNode,
    is_union_type,
    parse,
    value_from_ast_untyped,
)
from graphql.language import ConstDirectiveNode, DirectiveNode

from supergraph.planning.api_schema import build_api_schema
from supergraph.planning.fieldset import parse_field_set


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

    @property
    def resolvable(self) -> bool:
        return not self.external and not self.used_overridden


@dataclass
class LinkedSpecs:
    """Names under which linked specs appear in this supergraph."""

    prefixes: dict[str, str] = field(default_factory=dict)  # spec name -> prefix

    def prefix(self, spec: str) -> str:
        return self.prefixes.get(spec, spec)

    def directive(self, spec: str, name: str) -> str:
        return f"{self.prefix(spec)}__{name}"

    def is_spec_name(self, name: str) -> bool:
        return any(name == p or name.startswith(f"{p}__") for p in self.prefixes.values())


def _args(node: DirectiveNode | ConstDirectiveNode) -> dict[str, Any]:
    return {a.name.value: value_from_ast_untyped(a.value) for a in node.arguments}


def _read_links(document: DocumentNode) -> LinkedSpecs:
    specs = LinkedSpecs(prefixes={"link": "link", "join": "join"})
    for definition in document.definitions:
        if definition.kind not in ("schema_definition", "schema_extension"):
            continue
        for directive in definition.directives or ():
            if directive.name.value not in ("link", "core"):
                continue
            args = _args(directive)
            url = args.get("url") or args.get("feature") or ""
            parts = [p for p in url.rstrip("/").split("/") if p]
            if len(parts) >= 2:
                spec = parts[-2]
                specs.prefixes[spec] = args.get("as") or spec
    return specs


class Supergraph:
    """Federation metadata of one supergraph plus its API schema."""

    def __init__(self, document: DocumentNode) -> None:
        self.document = document
        self.specs = _read_links(document)
        self.subgraphs: dict[str, SubgraphInfo] = {}
        self._graph_by_enum: dict[str, str] = {}
        self._types: dict[str, dict[str, TypeInGraph]] = {}
        self._fields: dict[tuple[str, str], dict[str, FieldInGraph]] = {}
        self._implements: dict[str, dict[str, set[str]]] = {}  # type -> graph -> ifaces
        self._union_members: dict[str, dict[str, set[str]]] = {}
        self._read_graphs()
        self._read_types()
        self.api_schema: GraphQLSchema = build_api_schema(document, self.specs)
        self._resolving: dict[tuple[str, str], tuple[str, ...]] = {}

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
            if definition.kind == "enum_type_definition" and definition.name.value == enum_name:
                for value in definition.values or ():
                    for args in self._directives(value, "graph"):
                        info = SubgraphInfo(args["name"], args.get("url") or "", value.name.value)
                        self.subgraphs[info.name] = info
                        self._graph_by_enum[info.enum_value] = info.name

    def _read_types(self) -> None:
        for definition in self.document.definitions:
            kind = definition.kind
            if not kind.endswith("type_definition") or self.specs.is_spec_name(definition.name.value):
                continue
            name = definition.name.value
            self._read_type(name, definition)
            if kind in ("object_type_definition", "interface_type_definition"):
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
        if not joins or all(args.get("graph") is None for args in joins):
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
            )
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

    def resolving_graphs(self, type_name: str, field_name: str) -> tuple[str, ...]:
        """Subgraphs that can resolve ``type_name.field_name``, in declaration order."""
        cached = self._resolving.get((type_name, field_name))
        if cached is None:
            graphs = self._fields.get((type_name, field_name))
            if graphs is None:
                cached = tuple(self.type_graphs(type_name))
            else:
                cached = tuple(g for g, info in graphs.items() if info.resolvable)
            self._resolving[(type_name, field_name)] = cached
        return cached

    def keys(self, type_name: str, graph: str) -> list[KeyInfo]:
        info = self.type_graphs(type_name).get(graph)
        return info.keys if info else []

    def is_entity(self, type_name: str, graph: str) -> bool:
        return bool(self.keys(type_name, graph))

    def defines_type(self, type_name: str, graph: str) -> bool:
        return graph in self.type_graphs(type_name)

    def possible_types_in_graph(self, abstract: str, graph: str) -> list[str]:
        """Concrete API types the subgraph can return for an abstract type."""
        schema_type = self.api_schema.get_type(abstract)
        if schema_type is None:
            return []
        result = []
        for obj in self.api_schema.get_possible_types(schema_type):
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
