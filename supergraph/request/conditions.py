"""``@skip``/``@include`` resolved before planning.

The planner plans the operation as it will run for the request's directive variable
values: skipped selections are dropped (so no subgraph is asked for them and a fetch
whose fields are all skipped disappears), included ones lose the directives. Plans are
cached per (document hash, operation name, directive values), so an operation with
``n`` condition variables has at most ``2**n`` plans.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from graphql import BooleanValueNode, VariableNode

from supergraph.request.operation import CField, CSelection

_CONDITIONS = ("skip", "include")


def included(directives: tuple, variables: Mapping[str, Any]) -> bool:
    for directive in directives:
        name = directive.name.value
        if name not in _CONDITIONS:
            continue
        value = next((a.value for a in directive.arguments if a.name.value == "if"), None)
        if isinstance(value, VariableNode):
            flag = bool(variables.get(value.name.value))
        else:
            flag = bool(value.value) if isinstance(value, BooleanValueNode) else False
        if (name == "skip" and flag) or (name == "include" and not flag):
            return False
    return True


def directive_variables(selections: tuple[CSelection, ...]) -> tuple[str, ...]:
    """Variables used by ``@skip``/``@include`` anywhere in the selection tree."""
    found: dict[str, None] = {}
    _directive_variables(selections, found)
    return tuple(found)


def _directive_variables(items: tuple[CSelection, ...], found: dict[str, None]) -> None:
    for s in items:
        for d in s.directives:
            if d.name.value in _CONDITIONS:
                for a in d.arguments or ():
                    if isinstance(a.value, VariableNode):
                        found[a.value.name.value] = None
        if s.selections:
            _directive_variables(s.selections, found)


def condition_key(names: tuple[str, ...], variables: Mapping[str, Any]) -> tuple[bool, ...]:
    return tuple(bool(variables.get(name)) for name in names)


def apply_conditions(selections: tuple[CSelection, ...], variables: Mapping[str, Any]) -> tuple[CSelection, ...]:
    """The selection tree without skipped parts and without ``@skip``/``@include``; parts
    without those directives are returned as they are (not copied)."""
    out: list[CSelection] = []
    changed = False
    for s in selections:
        if not included(s.directives, variables):
            changed = True
            continue
        directives = tuple(d for d in s.directives if d.name.value not in _CONDITIONS)
        children = apply_conditions(s.selections, variables) if s.selections is not None else None
        if len(directives) == len(s.directives) and children is s.selections:
            out.append(s)
            continue
        changed = True
        if isinstance(s, CField):
            out.append(replace(s, directives=directives, selections=children))
        else:
            out.append(replace(s, directives=directives, selections=children or ()))
    return tuple(out) if changed else selections
