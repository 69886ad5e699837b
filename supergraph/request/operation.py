"""Normalize a client operation into a plain selection tree.

Named fragment spreads become inline fragments with the fragment's type condition,
so the planner and the response shaper walk one shape only. Field arguments and
directives stay graphql-core AST nodes (printed into subgraph operations as-is).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)


@dataclass(frozen=True)
class CField:
    name: str
    alias: str | None
    arguments: tuple = ()
    directives: tuple[DirectiveNode, ...] = ()
    selections: "tuple[CSelection, ...] | None" = None

    @property
    def response_key(self) -> str:
        return self.alias or self.name


@dataclass(frozen=True)
class CFragment:
    type_condition: str | None
    directives: tuple[DirectiveNode, ...]
    selections: "tuple[CSelection, ...]"


CSelection = Union[CField, CFragment]


class OperationError(Exception):
    """The document has no (unique) operation of the requested name."""


def select_operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name:
        for op in operations:
            if op.name and op.name.value == name:
                return op
        raise OperationError(f'Unknown operation named "{name}".')
    if len(operations) != 1:
        raise OperationError("Must provide operation name if query contains multiple operations.")
    return operations[0]


def fragments_of(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }


def normalize(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> tuple[CSelection, ...]:
    out: list[CSelection] = []
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            out.append(
                CField(
                    name=node.name.value,
                    alias=node.alias.value if node.alias else None,
                    arguments=tuple(node.arguments or ()),
                    directives=tuple(node.directives or ()),
                    selections=normalize(node.selection_set, fragments)
                    if node.selection_set
                    else None,
                )
            )
        elif isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else None
            out.append(
                CFragment(condition, tuple(node.directives or ()), normalize(node.selection_set, fragments))
            )
        elif isinstance(node, FragmentSpreadNode):
            fragment = fragments[node.name.value]
            out.append(
                CFragment(
                    fragment.type_condition.name.value,
                    tuple(node.directives or ()),
                    normalize(fragment.selection_set, fragments),
                )
            )
    return tuple(out)


def normalize_field_set(selection_set: SelectionSetNode) -> tuple[CSelection, ...]:
    """A parsed ``@key``/``@requires`` field set as a client-shaped tree."""
    return normalize(selection_set, {})
