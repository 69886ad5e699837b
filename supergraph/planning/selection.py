"""Mutable selection sets of subgraph operations, built by the planner.

Fields are merged by (response key, arguments, directives); fragments by
(type condition, directives). ``print()`` writes compact GraphQL.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from graphql import Node, VariableNode, print_ast


def _variables(nodes: Iterable[Node]) -> set[str]:
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, VariableNode):
            found.add(value.name.value)
        elif isinstance(value, Node):
            for key in value.keys:
                walk(getattr(value, key, None))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    for node in nodes:
        walk(node)
    return found


def _print_args(arguments: tuple) -> str:
    if not arguments:
        return ""
    return "(" + ", ".join(print_ast(a) for a in arguments) + ")"


def _print_directives(directives: tuple) -> str:
    return "".join(" " + print_ast(d) for d in directives)


class SField:
    __slots__ = ("name", "alias", "args_text", "directives_text", "variables", "selections")

    def __init__(self, name: str, alias: str | None, arguments: tuple, directives: tuple, composite: bool):
        self.name = name
        self.alias = alias if alias != name else None
        self.args_text = _print_args(arguments)
        self.directives_text = _print_directives(directives)
        self.variables = _variables(arguments) | _variables(directives)
        self.selections: SelSet | None = SelSet() if composite else None

    @property
    def response_key(self) -> str:
        return self.alias or self.name

    def print(self) -> str:
        head = f"{self.alias}: {self.name}" if self.alias else self.name
        text = head + self.args_text + self.directives_text
        if self.selections is not None:
            text += " " + self.selections.print()
        return text


class SFragment:
    __slots__ = ("type_condition", "directives_text", "variables", "selections")

    def __init__(self, type_condition: str | None, directives: tuple):
        self.type_condition = type_condition
        self.directives_text = _print_directives(directives)
        self.variables = _variables(directives)
        self.selections = SelSet()

    def print(self) -> str:
        on = f" on {self.type_condition}" if self.type_condition else ""
        return f"...{on}{self.directives_text} {self.selections.print()}"


class SelSet:
    __slots__ = ("entries",)

    def __init__(self) -> None:
        self.entries: dict[tuple, SField | SFragment] = {}

    def add_field(
        self,
        name: str,
        alias: str | None = None,
        arguments: tuple = (),
        directives: tuple = (),
        composite: bool = False,
    ) -> SField:
        candidate = SField(name, alias, arguments, directives, composite)
        key = ("f", candidate.response_key, candidate.name, candidate.args_text, candidate.directives_text)
        existing = self.entries.get(key)
        if existing is None:
            self.entries[key] = candidate
            return candidate
        return existing  # type: ignore[return-value]

    def add_fragment(self, type_condition: str | None, directives: tuple = ()) -> SFragment:
        candidate = SFragment(type_condition, directives)
        key = ("i", type_condition, candidate.directives_text)
        existing = self.entries.get(key)
        if existing is None:
            self.entries[key] = candidate
            return candidate
        return existing  # type: ignore[return-value]

    def has_response_key(self, response_key: str, field_name: str) -> bool:
        """True when ``response_key`` is taken by a field other than ``field_name``."""
        return any(
            isinstance(e, SField) and e.response_key == response_key and e.name != field_name
            for e in self.entries.values()
        )

    def __iter__(self) -> Iterator[SField | SFragment]:
        return iter(self.entries.values())

    def __bool__(self) -> bool:
        return bool(self.entries)

    def variables(self) -> set[str]:
        found: set[str] = set()
        for entry in self.entries.values():
            found |= entry.variables
            if entry.selections is not None:
                found |= entry.selections.variables()
        return found

    def print(self) -> str:
        return "{" + " ".join(entry.print() for entry in self.entries.values()) + "}"
