"""Type references of SDL documents (graphql-core AST: `[Pet!]!`).

`named` unwraps lists and non-null to the named type, `show` prints a reference, `is_list`
tells a list (nullable or not); `output_supertype` / `input_subtype` merge the types two
subgraphs give one field or argument. Used by composition (subgraph validation, merging,
printing) and by the API schema derivation (`supergraph.spec.api_schema`: fields whose type
is removed go with it).
"""

from __future__ import annotations

from graphql.language import ListTypeNode, NamedTypeNode, NonNullTypeNode, TypeNode, print_ast


def named(node: TypeNode) -> str:
    """`[Pet!]!` -> `"Pet"`."""
    while isinstance(node, (ListTypeNode, NonNullTypeNode)):
        node = node.type
    if not isinstance(node, NamedTypeNode):  # graphql-core parses no other kind of reference
        raise TypeError(f"not a type reference: {node!r}")
    return node.name.value


def show(node: TypeNode) -> str:
    """The reference as SDL text."""
    return print_ast(node)


def is_list(node: TypeNode) -> bool:
    """`[Pet]` or `[Pet]!`."""
    if isinstance(node, NonNullTypeNode):
        node = node.type
    return isinstance(node, ListTypeNode)


def _reference(node: TypeNode) -> NamedTypeNode | ListTypeNode:
    """``node`` outside a non-null: graphql-core parses no other kind of type reference."""
    if not isinstance(node, (NamedTypeNode, ListTypeNode)):
        raise TypeError(f"not a nullable type reference: {node!r}")
    return node


def _strip(node: TypeNode) -> tuple[bool, NamedTypeNode | ListTypeNode]:
    if isinstance(node, NonNullTypeNode):
        return True, node.type
    return False, _reference(node)


def output_supertype(a: TypeNode, b: TypeNode, is_subtype) -> TypeNode | None:
    """The most permissive type both output types fit in, or None when incompatible.

    `is_subtype(sub, sup)` answers for named types (object -> interface/union).
    """
    a_nn, a_in = _strip(a)
    b_nn, b_in = _strip(b)
    merged: NamedTypeNode | ListTypeNode | None
    if isinstance(a_in, ListTypeNode) and isinstance(b_in, ListTypeNode):
        inner = output_supertype(a_in.type, b_in.type, is_subtype)
        merged = ListTypeNode(type=inner) if inner is not None else None
    elif isinstance(a_in, NamedTypeNode) and isinstance(b_in, NamedTypeNode):
        an, bn = a_in.name.value, b_in.name.value
        if an == bn or is_subtype(bn, an):
            merged = a_in
        elif is_subtype(an, bn):
            merged = b_in
        else:
            merged = None
    else:  # a list and a single value
        return None
    if merged is None:
        return None
    return NonNullTypeNode(type=merged) if a_nn and b_nn else merged


def input_subtype(a: TypeNode, b: TypeNode) -> TypeNode | None:
    """The most restrictive of two input types (non-null wins), or None when incompatible."""
    a_nn, a_in = _strip(a)
    b_nn, b_in = _strip(b)
    merged: NamedTypeNode | ListTypeNode | None
    if isinstance(a_in, ListTypeNode) and isinstance(b_in, ListTypeNode):
        inner = input_subtype(a_in.type, b_in.type)
        merged = ListTypeNode(type=inner) if inner is not None else None
    elif isinstance(a_in, NamedTypeNode) and isinstance(b_in, NamedTypeNode):
        merged = a_in if a_in.name.value == b_in.name.value else None
    else:  # a list and a single value
        return None
    if merged is None:
        return None
    return NonNullTypeNode(type=merged) if a_nn or b_nn else merged
