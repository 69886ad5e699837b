"""Derive the client-facing API schema from a supergraph document.

Drops the linked specs' own elements (``join__*``, ``link__*``, ``@link``,
``@inaccessible`` ...) and every element marked ``@inaccessible``, then builds a
graphql-core schema from what is left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphql import REMOVE, DocumentNode, GraphQLSchema, Visitor, build_ast_schema, visit

if TYPE_CHECKING:
    from supergraph.planning.supergraph import LinkedSpecs

_TYPE_KINDS = (
    "object_type_definition",
    "interface_type_definition",
    "union_type_definition",
    "enum_type_definition",
    "input_object_type_definition",
    "scalar_type_definition",
)


def _has(node: Any, name: str) -> bool:
    return any(d.name.value == name for d in getattr(node, "directives", None) or ())


class _ApiSchemaVisitor(Visitor):
    def __init__(self, specs: "LinkedSpecs", hidden_types: set[str], keep_inaccessible: bool = False) -> None:
        super().__init__()
        self.specs = specs
        self.inaccessible = "" if keep_inaccessible else specs.prefix("inaccessible")
        self.hidden_types = hidden_types

    def _drop_if_hidden(self, node: Any, *_: Any) -> Any:
        if _has(node, self.inaccessible):
            return REMOVE
        return None

    enter_field_definition = _drop_if_hidden
    enter_input_value_definition = _drop_if_hidden
    enter_enum_value_definition = _drop_if_hidden

    def enter_directive_definition(self, node: Any, *_: Any) -> Any:
        return REMOVE if self.specs.is_spec_name(node.name.value) else None

    def enter_directive(self, node: Any, *_: Any) -> Any:
        return REMOVE if self.specs.is_spec_name(node.name.value) else None

    def enter_named_type(self, node: Any, key: Any, parent: Any, path: Any, ancestors: Any) -> Any:
        # union members and implemented interfaces that are hidden
        return REMOVE if node.name.value in self.hidden_types else None


def _hidden_types(document: DocumentNode, specs: "LinkedSpecs", keep_inaccessible: bool) -> set[str]:
    inaccessible = specs.prefix("inaccessible")
    return {
        d.name.value
        for d in document.definitions
        if d.kind in _TYPE_KINDS
        and (specs.is_spec_name(d.name.value) or (not keep_inaccessible and _has(d, inaccessible)))
    }


def build_api_schema(document: DocumentNode, specs: "LinkedSpecs", *, keep_inaccessible: bool = False) -> GraphQLSchema:
    """The API schema; with ``keep_inaccessible`` the planning schema (hidden elements kept,
    since keys and ``@requires`` may use them)."""
    hidden = _hidden_types(document, specs, keep_inaccessible)
    kept = [
        d
        for d in document.definitions
        if not (d.kind in _TYPE_KINDS and d.name.value in hidden)
    ]
    trimmed = DocumentNode(definitions=tuple(kept))
    api_document = visit(trimmed, _ApiSchemaVisitor(specs, hidden, keep_inaccessible))
    return build_ast_schema(api_document, assume_valid_sdl=True)
