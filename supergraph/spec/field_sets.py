"""Field sets (`@key(fields:)`, `@requires(fields:)`, `@provides(fields:)`).

A field set is a selection set without the braces: `id`, `id organization { id }`,
`... on Dog { breed }`. `parse_field_set` parses it with graphql-core (cached: the router
parses the same keys and requirements for every plan; the node is shared, never mutate it).

Used by composition (a subgraph's `@key`/`@requires`/`@provides` checked with `walk`
against its types; `top_level_fields` for the shareable rules) and by the router
(`supergraph.planning`: the supergraph's `join__type(key:)`, `join__field(requires:,
provides:)` strings turned into selections to plan with).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from graphql import FieldNode, GraphQLError, InlineFragmentNode, OperationDefinitionNode, SelectionSetNode, parse


@dataclass(frozen=True)
class FieldRef:
    """One field selected by a field set: `parent.name`, plus what the field set does below it."""

    parent: str
    name: str
    has_selection: bool


@lru_cache(maxsize=4096)
def parse_field_set(text: str) -> SelectionSetNode:
    """`"sku brand { id }"` -> the selection set `{ sku brand { id } }`.

    Raise `ValueError` when `text` is not a valid selection."""
    try:
        document = parse("{" + text + "}", no_location=True)
    except GraphQLError as error:
        raise ValueError(error.message) from error
    operation = document.definitions[0]
    if not isinstance(operation, OperationDefinitionNode) or len(document.definitions) != 1:
        raise ValueError("not a selection set")
    return operation.selection_set


def walk(
    selection: SelectionSetNode,
    parent: str,
    field_type: Callable[[str, str], str | None],
) -> Iterator[FieldRef | str]:
    """Yield every selected field; yield an error string for a field missing on its parent.

    `field_type(parent, field)` returns the named (unwrapped) type of the field, or None.
    """
    for node in selection.selections:
        if isinstance(node, InlineFragmentNode):
            target = node.type_condition.name.value if node.type_condition else parent
            yield from walk(node.selection_set, target, field_type)
            continue
        if not isinstance(node, FieldNode):
            yield "fragment spreads are not allowed in field sets"
            continue
        name = node.name.value
        if name == "__typename":
            continue
        inner = field_type(parent, name)
        if inner is None:
            yield f'Cannot query field "{name}" on type "{parent}"'
            continue
        yield FieldRef(parent, name, node.selection_set is not None)
        if node.selection_set is not None:
            yield from walk(node.selection_set, inner, field_type)


def top_level_fields(text: str) -> list[str]:
    """Names of the fields selected at the top of `text` (none when it does not parse)."""
    try:
        selection = parse_field_set(text)
    except ValueError:
        return []
    return [node.name.value for node in selection.selections if isinstance(node, FieldNode)]
