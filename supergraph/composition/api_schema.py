"""Derive the API (client-facing) schema from any Apollo supergraph SDL.

Works on join v0.1 to v0.5 supergraphs (`@core` or `@link` based): removes the definitions
and applications of every linked spec (`join__*`, `link__*`, `@inaccessible`, `@tag`,
`@authenticated`, ...), removes `@inaccessible` elements, and prints the rest with
graphql-core's printer on a lexicographically sorted schema, so the text is deterministic
and comparable between composers.
"""

from __future__ import annotations

import re

from graphql import (
    DocumentNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    Visitor,
    build_ast_schema,
    lexicographic_sort_schema,
    parse,
    print_schema,
    value_from_ast_untyped,
    visit,
)
from graphql.language.visitor import REMOVE

from supergraph.composition.typeref import named

_SPEC_URL = re.compile(r"^https?://[^/]+/(?:.*/)?([A-Za-z_][A-Za-z0-9_]*)/v\d+\.\d+/?$")


class _Specs:
    """Names that belong to linked specs: prefixes (`join`) and imported element names."""

    def __init__(self, document: DocumentNode) -> None:
        self.prefixes: set[str] = {"core", "link"}
        self.directives: set[str] = {"core", "link"}
        self.types: set[str] = set()
        self.inaccessible = "inaccessible"
        for node in document.definitions:
            if isinstance(node, SchemaDefinitionNode | SchemaExtensionNode):
                for directive in node.directives or ():
                    if directive.name.value in ("link", "core"):
                        self._add({a.name.value: value_from_ast_untyped(a.value) for a in directive.arguments or ()})

    def _add(self, args: dict) -> None:
        url = str(args.get("url") or args.get("feature") or "")
        match = _SPEC_URL.match(url)
        if match is None:
            return
        name = match.group(1)
        prefix = str(args.get("as") or name)
        self.prefixes.add(prefix)
        self.directives.add(prefix)
        if name == "inaccessible":
            self.inaccessible = prefix
        for item in args.get("import") or []:
            element = item if isinstance(item, str) else (item or {}).get("as") or (item or {}).get("name")
            original = item if isinstance(item, str) else (item or {}).get("name")
            if not isinstance(element, str):
                continue
            if element.startswith("@"):
                self.directives.add(element[1:])
                if original == "@inaccessible":
                    self.inaccessible = element[1:]
            else:
                self.types.add(element)

    def is_spec_directive(self, name: str) -> bool:
        return name in self.directives or any(name.startswith(f"{p}__") for p in self.prefixes)

    def is_spec_type(self, name: str) -> bool:
        return name in self.types or any(name.startswith(f"{p}__") for p in self.prefixes)


def _inaccessible(node, specs: _Specs) -> bool:
    return any(d.name.value == specs.inaccessible for d in getattr(node, "directives", None) or ())


class _Strip(Visitor):
    def __init__(self, specs: _Specs, removed_types: set[str]) -> None:
        super().__init__()
        self.specs = specs
        self.removed = removed_types

    def enter_directive(self, node, *_):
        return REMOVE if self.specs.is_spec_directive(node.name.value) else None

    def enter_directive_definition(self, node, *_):
        return REMOVE if self.specs.is_spec_directive(node.name.value) else None

    def enter(self, node, *_):
        if isinstance(node, TypeDefinitionNode | TypeExtensionNode) and node.name.value in self.removed:
            return REMOVE
        return None

    def _element(self, node):
        if _inaccessible(node, self.specs) or named(node.type) in self.removed:
            return REMOVE
        return None

    def enter_field_definition(self, node, *_):
        return self._element(node)

    def enter_input_value_definition(self, node, *_):
        return self._element(node)

    def enter_enum_value_definition(self, node, *_):
        return REMOVE if _inaccessible(node, self.specs) else None

    def leave_object_type_definition(self, node, *_):
        return self._without_removed_interfaces(node)

    def leave_interface_type_definition(self, node, *_):
        return self._without_removed_interfaces(node)

    def leave_union_type_definition(self, node, *_):
        kept = tuple(t for t in node.types or () if t.name.value not in self.removed)
        if len(kept) == len(node.types or ()):
            return None
        return REMOVE if not kept else node.__class__(**{**_attrs(node), "types": kept})

    def _without_removed_interfaces(self, node):
        kept = tuple(t for t in node.interfaces or () if t.name.value not in self.removed)
        if len(kept) == len(node.interfaces or ()):
            return None
        return node.__class__(**{**_attrs(node), "interfaces": kept})


def _attrs(node) -> dict:
    return {key: getattr(node, key) for key in node.keys}


def _removed_types(document: DocumentNode, specs: _Specs) -> set[str]:
    removed = set()
    for node in document.definitions:
        if isinstance(node, TypeDefinitionNode | TypeExtensionNode):
            name = node.name.value
            if specs.is_spec_type(name) or _inaccessible(node, specs):
                removed.add(name)
    return removed


def api_schema_sdl(supergraph_sdl: str) -> str:
    """The API schema of an Apollo supergraph, printed deterministically (sorted)."""
    document = parse(supergraph_sdl, no_location=True)
    specs = _Specs(document)
    stripped = visit(document, _Strip(specs, _removed_types(document, specs)))
    schema = build_ast_schema(stripped, assume_valid_sdl=True)
    return print_schema(lexicographic_sort_schema(schema)) + "\n"
