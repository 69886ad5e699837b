"""Mutable selection sets of subgraph operations, built by the planner.

Fields are merged by (response key, arguments, directives); fragments by
(type condition, directives). ``print()`` writes compact GraphQL.
"""

from __future__ import annotations

import zlib
from typing import Any, Iterable, Iterator

from graphql import Node, VariableNode, print_ast
from graphql.language.ast import QUERY_DOCUMENT_KEYS


def _variables(nodes: Iterable[Node]) -> set[str]:
    """Names of the variables in these nodes (no recursive closure: that would be a cycle)."""
    found: set[str] = set()
    stack: list[Any] = list(nodes)
    while stack:
        value = stack.pop()
        if isinstance(value, VariableNode):
            found.add(value.name.value)
        elif isinstance(value, Node):
            stack.extend(getattr(value, key, None) for key in QUERY_DOCUMENT_KEYS.get(value.kind, ()))
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return found


def _print_args(arguments: tuple) -> str:
    if not arguments:
        return ""
    return "(" + ", ".join(print_ast(a) for a in arguments) + ")"


def _print_directives(directives: tuple) -> str:
    return "".join(" " + print_ast(d) for d in directives)


def internal_alias(name: str) -> str:
    """Alias for a key/``@requires`` field whose name a client alias already took."""
    return f"_pg_{name}"


def args_alias(name: str, args_text: str) -> str:
    """Alias of a key/``@requires`` field with arguments (stable: representations use it)."""
    return f"{internal_alias(name)}_{zlib.crc32(args_text.encode()):08x}"


class SField:
    __slots__ = ("name", "alias", "args_text", "directives_text", "variables", "selections", "internal")

    def __init__(
        self, name: str, alias: str | None, arguments: tuple, directives: tuple, composite: bool,
        internal: bool = False,
    ):
        self.internal = internal
        self.name = name
        self.alias = alias if alias != name else None
        self.args_text = _print_args(arguments)
        self.directives_text = _print_directives(directives)
        self.variables = _variables(arguments) | _variables(directives)
        self.selections: SelSet | None = SelSet() if composite else None

    @property
    def response_key(self) -> str:
        return self.alias or self.name

    def print(self, aliases: dict[int, str] | None = None) -> str:
        alias = aliases.get(id(self), self.alias) if aliases else self.alias
        head = f"{alias}: {self.name}" if alias else self.name
        text = head + self.args_text + self.directives_text
        if self.selections is not None:
            text += " " + self.selections.print(aliases)
        return text


class SFragment:
    __slots__ = ("type_condition", "directives_text", "variables", "selections")

    def __init__(self, type_condition: str | None, directives: tuple):
        self.type_condition = type_condition
        self.directives_text = _print_directives(directives)
        self.variables = _variables(directives)
        self.selections = SelSet()

    def print(self, aliases: dict[int, str] | None = None) -> str:
        on = f" on {self.type_condition}" if self.type_condition else ""
        return f"...{on}{self.directives_text} {self.selections.print(aliases)}"


class SelSet:
    __slots__ = ("entries", "_keys")

    def __init__(self) -> None:
        self.entries: dict[tuple, SField | SFragment] = {}
        self._keys: dict[str, tuple] = {}  # response key -> entry key

    @staticmethod
    def _key(field: SField) -> tuple:
        return ("f", field.response_key, field.name, field.args_text, field.directives_text)

    def add_field(
        self,
        name: str,
        alias: str | None = None,
        arguments: tuple = (),
        directives: tuple = (),
        composite: bool = False,
        internal: bool = False,
    ) -> SField:
        """Add (or find) a field. Internal (key/requires) fields never take a response key
        a client field uses: the internal one is aliased (see ``internal_alias``)."""
        if internal and arguments and alias is None:
            # a required field with arguments gets its own alias from the start: a client
            # field (or another requirement) may use the same name with other arguments, and
            # renaming later would break paths already planned below it
            alias = args_alias(name, _print_args(arguments))
        candidate = SField(name, alias, arguments, directives, composite, internal)
        existing = self.entries.get(self._key(candidate))
        if isinstance(existing, SField):  # a field's key ("f", ...) only ever holds a field
            existing.internal = existing.internal and internal
            return existing
        clash_key = self._keys.get(candidate.response_key)
        if clash_key is not None:
            clash = self.entries[clash_key]
            assert isinstance(clash, SField)  # _keys holds the keys of fields only
            if internal:
                return self.add_field(name, internal_alias(name), arguments, directives, composite, True)
            if clash.internal:
                self._rename(clash_key, clash)
        self.entries[self._key(candidate)] = candidate
        self._keys[candidate.response_key] = self._key(candidate)
        return candidate

    def _rename(self, key: tuple, field: SField) -> None:
        del self.entries[key]
        del self._keys[field.response_key]
        field.alias = internal_alias(field.name)
        other = self.entries.get(self._key(field))
        if other is None:
            self.entries[self._key(field)] = field
            self._keys[field.response_key] = self._key(field)

    def find(self, name: str, arguments: tuple = ()) -> SField | None:
        """The field ``name`` with these arguments (default: none), under whatever response
        key it was given."""
        args_text = _print_args(arguments)
        for entry in self.entries.values():
            if isinstance(entry, SField) and entry.name == name and entry.args_text == args_text:
                return entry
        return None

    def add_fragment(self, type_condition: str | None, directives: tuple = ()) -> SFragment:
        candidate = SFragment(type_condition, directives)
        key = ("i", type_condition, candidate.directives_text)
        existing = self.entries.get(key)
        if isinstance(existing, SFragment):  # a fragment's key ("i", ...) only ever holds a fragment
            return existing
        self.entries[key] = candidate
        return candidate

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

    def print(self, aliases: dict[int, str] | None = None) -> str:
        """``aliases``: print-time aliases by ``id(field)`` (see ``conflict_aliases``)."""
        return "{" + " ".join(entry.print(aliases) for entry in self.entries.values()) + "}"


def conflict_aliases(
    selset: SelSet, parent: str, field_type: Any,
) -> tuple[dict[int, str], tuple[tuple[str, str], ...]]:
    """Aliases that keep a subgraph operation valid when fragments on different types ask
    the same response key with different types (GraphQL's "fields can merge" rule), e.g.
    ``... on User { id } ... on Admin { id }`` with ``ID!`` and ``ID``. ``field_type(parent,
    field)`` gives (the field's type string in the subgraph, whether its type is composite)
    or None (unknown). Same-key fields' sub-selections are checked together, like the
    validation rule does. Returns
    (aliases by ``id(field)``, (alias, response key) pairs to rename back)."""
    merge = _ConflictAliases(field_type)
    merge.level([(selset, parent)])
    return merge.aliases, tuple(merge.renames)


class _ConflictAliases:
    """``conflict_aliases``' walk (methods, not nested recursive functions: those are
    reference cycles left to the garbage collector)."""

    def __init__(self, field_type: Any) -> None:
        self.field_type = field_type
        self.aliases: dict[int, str] = {}
        self.renames: list[tuple[str, str]] = []

    def level(self, sets: list[tuple[SelSet, str]]) -> None:
        seen: dict[str, str] = {}
        children: dict[str, list[tuple[SelSet, str]]] = {}
        for current, parent_type in sets:
            self.visit(current, parent_type, seen, children)
        for nested in children.values():
            self.level(nested)

    def visit(self, current: SelSet, parent_type: str, seen: dict[str, str],
              children: dict[str, list[tuple[SelSet, str]]]) -> None:
        for entry in current:
            if isinstance(entry, SFragment):
                self.visit(entry.selections, entry.type_condition or parent_type, seen, children)
                continue
            if entry.name.startswith("__"):
                continue
            found = self.field_type(parent_type, entry.name)
            if found is None:
                continue
            type_text, composite = found
            named = type_text.replace("[", "").replace("]", "").replace("!", "")
            # the rule compares response *shapes*: list/non-null wrappers and leaf types;
            # two object types (``Product`` / ``Book``) merge, their sub-fields are checked
            shape = type_text.replace(named, "{}") if composite else type_text
            key = entry.response_key
            if seen.setdefault(key, shape) != shape:
                alias = f"{key}__alias_{len(self.renames)}"
                self.aliases[id(entry)] = alias
                self.renames.append((alias, key))
                key = alias
            if entry.selections is not None:
                children.setdefault(key, []).append((entry.selections, named))
