"""The API (client-facing) schema of an Apollo supergraph, derived once for every consumer.

Works on join v0.1 to v0.5 supergraphs (`@core` or `@link` based). Removed:

* the definitions and applications of every linked Apollo spec (`LinkedSpecs`, from
  `supergraph.spec.links`): `join__*`, `link__*`, `@link`, `@inaccessible`, `@tag`,
  `@authenticated`, `@requiresScopes`, `@cost`, `@listSize`, ... - prefixed and imported
  names alike;
* every element marked `@inaccessible` (types, fields, arguments, input fields, enum
  values), fields and arguments whose type was removed, union members and implemented
  interfaces that were removed.

Kept: built-in directives (`@deprecated`, `@specifiedBy`), directives that are not linked
and directives of specs hosted elsewhere (kept with `@composeDirective`): they belong to
the API.

Who uses it:

* the router (`supergraph.planning.supergraph.Supergraph`): `api_schema(document, specs)`,
  the graphql-core schema in the supergraph's own order (as introspection shows it), and
  `api_schema(..., keep_inaccessible=True)`, its planning schema (keys and `@requires` may
  select `@inaccessible` fields, so those stay there);
* the persisted-query manifest (`pawgraph.persisted`), the bench workloads, the composition
  snapshots and guild comparison: `api_schema_sdl(sdl)`, the same schema sorted
  lexicographically and printed by graphql-core, so the text is deterministic and
  comparable between composers.

Both printed sorted are the same text (`tests/unit/supergraph/spec/test_api_schema.py`).
Before there was one derivation, the router's kept directives a spec link imports
(`@listSize` of `@link(url: ".../cost/v0.1", import: ["@cost", "@listSize"])`) and
composition's dropped the directives of every linked spec, Apollo's or not; now imports are
spec names for both, and only specs.apollo.dev specs are removed (no supergraph of ours
links another).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
    GraphQLSchema,
    TypeDefinitionNode,
    TypeExtensionNode,
    Visitor,
    build_ast_schema,
    lexicographic_sort_schema,
    parse,
    print_schema,
    visit,
)
from graphql.language.visitor import REMOVE

from supergraph.spec.links import LinkedSpecs
from supergraph.spec.types import named


def _marked(node: Any, directive: str) -> bool:
    return any(d.name.value == directive for d in getattr(node, "directives", None) or ())


class _Strip(Visitor):
    """Removes spec machinery, `inaccessible`-marked elements and what referred to them."""

    def __init__(self, specs: LinkedSpecs, inaccessible: str, removed_types: set[str]) -> None:
        super().__init__()
        self.specs, self.inaccessible, self.removed = specs, inaccessible, removed_types

    def enter_directive(self, node, *_):
        return REMOVE if self.specs.is_spec_directive(node.name.value) else None

    def enter_directive_definition(self, node, *_):
        return REMOVE if self.specs.is_spec_directive(node.name.value) else None

    def enter(self, node, *_):
        if isinstance(node, TypeDefinitionNode | TypeExtensionNode) and node.name.value in self.removed:
            return REMOVE
        return None

    def _element(self, node):
        if _marked(node, self.inaccessible) or named(node.type) in self.removed:
            return REMOVE
        return None

    def enter_field_definition(self, node, *_):
        return self._element(node)

    def enter_input_value_definition(self, node, *_):
        return self._element(node)

    def enter_enum_value_definition(self, node, *_):
        return REMOVE if _marked(node, self.inaccessible) else None

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


def _removed_types(document: DocumentNode, specs: LinkedSpecs, inaccessible: str) -> set[str]:
    removed = set()
    for node in document.definitions:
        if isinstance(node, TypeDefinitionNode | TypeExtensionNode):
            name = node.name.value
            if specs.is_spec_type(name) or _marked(node, inaccessible):
                removed.add(name)
    return removed


def api_schema(document: DocumentNode, specs: LinkedSpecs | None = None, *,
               keep_inaccessible: bool = False) -> GraphQLSchema:
    """The API schema, in the document's order; with `keep_inaccessible` the router's
    planning schema (spec machinery removed, `@inaccessible` elements kept)."""
    specs = specs if specs is not None else LinkedSpecs.of(document)
    # "" is no directive name: nothing counts as marked
    inaccessible = "" if keep_inaccessible else specs.directive_name("inaccessible", "inaccessible")
    stripped = visit(document, _Strip(specs, inaccessible, _removed_types(document, specs, inaccessible)))
    return build_ast_schema(stripped, assume_valid_sdl=True)


def api_schema_sdl(supergraph_sdl: str) -> str:
    """The API schema of an Apollo supergraph, printed deterministically (sorted)."""
    schema = api_schema(parse(supergraph_sdl, no_location=True))
    return print_schema(lexicographic_sort_schema(schema)) + "\n"
