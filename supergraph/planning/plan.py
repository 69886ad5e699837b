"""Query plans: plain frozen data run by ``supergraph.execution``.

A plan is a tree of ``Sequence``/``Parallel``/``Flatten``/``Fetch`` nodes. ``print_plan``
writes it as stable text for snapshot tests (subgraph operations pretty-printed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from graphql import parse, print_ast


@dataclass(frozen=True)
class RequiredField:
    """One field of an entity representation (``@key`` / ``@requires`` field set)."""

    name: str
    selections: "tuple[RequiredField, ...] | None" = None
    # Response key the value is read from in the merged data (an internal alias when a
    # client alias took the field's name); None = the name.
    key: str | None = None
    # a fragment of the field set (``name`` = "... on T"): applies to these typenames only
    condition: frozenset[str] | None = None


@dataclass(frozen=True)
class Requires:
    """What to send as ``representations`` for objects of ``type_name`` at a path."""

    type_name: str
    typenames: frozenset[str]
    fields: tuple[RequiredField, ...]
    # ``__typename`` sent in representations instead of the object's own (an
    # ``@interfaceObject`` subgraph only knows the interface).
    typename_rewrite: str | None = None
    # top-level key fields: an object whose key has a null is not sent (nothing to resolve)
    key_fields: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Fetch:
    subgraph: str
    operation_text: str
    operation_kind: str = "query"
    variable_usages: tuple[str, ...] = ()
    requires: Requires | None = None
    input_rewrites: tuple = ()
    operation_name: str | None = None
    id: int = 0
    # (alias, response key): fields the subgraph operation had to alias because another
    # fragment asks the same key with another type (``User.id: ID!`` / ``Admin.id: ID``);
    # the executor renames them back before merging
    output_renames: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Flatten:
    path: tuple[str, ...]
    node: Fetch


@dataclass(frozen=True)
class Sequence:
    nodes: "tuple[PlanNode, ...]"


@dataclass(frozen=True)
class Parallel:
    nodes: "tuple[PlanNode, ...]"


PlanNode = Union[Fetch, Flatten, Sequence, Parallel]


@dataclass(frozen=True)
class QueryPlan:
    operation_kind: str
    node: PlanNode | None


def fetches(node: PlanNode | None) -> list[Fetch]:
    """All fetches of a plan in execution order (for tests and metrics)."""
    if node is None:
        return []
    if isinstance(node, Fetch):
        return [node]
    if isinstance(node, Flatten):
        return [node.node]
    return [f for child in node.nodes for f in fetches(child)]


# ---- printing -----------------------------------------------------------------

def _indent(text: str, level: int) -> str:
    pad = "  " * level
    return "\n".join(pad + line if line else line for line in text.splitlines())


def _print_required(fields: tuple[RequiredField, ...]) -> str:
    parts = []
    for f in fields:
        if f.selections:
            parts.append(f"{f.name} {{\n{_indent(_print_required(f.selections), 1)}\n}}")
        else:
            parts.append(f.name)
    return "\n".join(parts)


def _print_fetch(fetch: Fetch) -> str:
    lines = [f'Fetch(service: "{fetch.subgraph}") {{']
    if fetch.requires is not None:
        body = _print_required(fetch.requires.fields)
        lines.append(_indent(f"{{\n  ... on {fetch.requires.type_name} {{\n{_indent(body, 2)}\n  }}\n}} =>", 1))
        if fetch.requires.typename_rewrite:
            lines.append(f'  (representations: __typename = "{fetch.requires.typename_rewrite}")')
    lines.append(_indent(print_ast(parse(fetch.operation_text, no_location=True)), 1))
    lines.append("}")
    return "\n".join(lines)


def _print_node(node: PlanNode) -> str:
    if isinstance(node, Fetch):
        return _print_fetch(node)
    if isinstance(node, Flatten):
        path = ".".join(node.path)
        return f'Flatten(path: "{path}") {{\n{_indent(_print_fetch(node.node), 1)}\n}}'
    name = "Sequence" if isinstance(node, Sequence) else "Parallel"
    children = ",\n".join(_print_node(child) for child in node.nodes)
    return f"{name} {{\n{_indent(children, 1)}\n}}"


def print_plan(plan: QueryPlan) -> str:
    if plan.node is None:
        return "QueryPlan {}\n"
    return f"QueryPlan {{\n{_indent(_print_node(plan.node), 1)}\n}}\n"
