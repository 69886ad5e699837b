"""Router-side ``@authenticated`` / ``@requiresScopes`` (as composed into the supergraph).

A field needs what its own definition declares plus what the type it returns declares
(a type-level directive guards every field returning that type). ``@requiresScopes(scopes:
[[a, b], [c]])`` means "a and b, or c"; several requirements must all hold.

Unauthorized fields are removed from the operation before planning (no subgraph is asked
for them); the response has them null (by the API schema's nullability) with an error at
their path, one per list element they appear under (``expand_paths``, after execution):
``UNAUTHENTICATED`` for an anonymous caller, ``FORBIDDEN`` otherwise. The
principal needs ``is_authenticated`` and ``scopes``; anything else counts as anonymous.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLList,
    GraphQLNamedType,
    GraphQLSchema,
    get_named_type,
    value_from_ast_untyped,
)

from supergraph.errors import ErrorCode, error_entry
from supergraph.request.operation import CField, CSelection


@dataclass(frozen=True)
class Requirement:
    authenticated: bool = False
    # every entry must be met by one of its alternatives (each a set of scopes held together)
    scopes: tuple[tuple[frozenset[str], ...], ...] = ()

    def __bool__(self) -> bool:
        return self.authenticated or bool(self.scopes)

    def __add__(self, other: "Requirement") -> "Requirement":
        return Requirement(self.authenticated or other.authenticated, self.scopes + other.scopes)

    def denial(self, principal: Any) -> ErrorCode | None:
        authenticated = bool(getattr(principal, "is_authenticated", False))
        if not authenticated:
            return ErrorCode.UNAUTHENTICATED
        held = frozenset(getattr(principal, "scopes", ()) or ())
        for alternatives in self.scopes:
            if not any(alternative <= held for alternative in alternatives):
                return ErrorCode.FORBIDDEN
        return None


class AuthorizationRules:
    def __init__(self, document: DocumentNode, authenticated: str, requires_scopes: str) -> None:
        self._types: dict[str, Requirement] = {}
        self._fields: dict[tuple[str, str], Requirement] = {}
        self._names = (authenticated, requires_scopes)
        for definition in document.definitions:
            if not hasattr(definition, "name") or not definition.kind.endswith("type_definition"):
                continue
            found = self._read(definition)
            if found:
                self._types[definition.name.value] = found
            for fdef in getattr(definition, "fields", None) or ():
                found = self._read(fdef)
                if found:
                    self._fields[(definition.name.value, fdef.name.value)] = found

    def _read(self, node: Any) -> Requirement:
        authenticated, requires_scopes = self._names
        requirement = Requirement()
        for directive in getattr(node, "directives", None) or ():
            if directive.name.value == authenticated:
                requirement += Requirement(authenticated=True)
            elif directive.name.value == requires_scopes:
                args = {a.name.value: value_from_ast_untyped(a.value) for a in directive.arguments}
                alternatives = tuple(frozenset(group) for group in args.get("scopes") or ())
                requirement += Requirement(authenticated=True, scopes=(alternatives,))
        return requirement

    def __bool__(self) -> bool:
        return bool(self._types or self._fields)

    def for_field(self, parent: str, name: str, returns: str) -> Requirement:
        return self._fields.get((parent, name), Requirement()) + self._types.get(returns, Requirement())


def authorize(
    schema: GraphQLSchema,
    rules: AuthorizationRules,
    root: GraphQLNamedType,
    selections: tuple[CSelection, ...],
    principal: Any,
) -> tuple[tuple[CSelection, ...], list[dict[str, Any]]]:
    """The selections the principal may run, and an error per removed field."""
    errors: list[dict[str, Any]] = []
    if not rules:
        return selections, errors
    kept = _filter(schema, rules, root, selections, principal, (), errors)
    return kept, errors


def _filter(schema: GraphQLSchema, rules: AuthorizationRules, parent: Any, selections: tuple,
            principal: Any, path: tuple, errors: list) -> tuple[CSelection, ...]:
    """``selections`` without the fields ``principal`` may not see (unchanged parts are
    returned as they are, not copied)."""
    out: list[CSelection] = []
    changed = False
    for s in selections:
        if not isinstance(s, CField):
            condition = schema.get_type(s.type_condition) if s.type_condition else parent
            children = _filter(schema, rules, condition, s.selections, principal, path, errors)
            if children is not s.selections:
                changed = True
                s = replace(s, selections=children)
            out.append(s)
            continue
        definition = getattr(parent, "fields", {}).get(s.name)
        if definition is None:  # __typename, introspection
            out.append(s)
            continue
        named = get_named_type(definition.type)
        requirement = rules.for_field(parent.name, s.name, named.name)
        code = requirement.denial(principal) if requirement else None
        where = path + (s.response_key,)
        if code is not None:
            message = "Unauthorized field or type" if code == ErrorCode.FORBIDDEN else "Unauthenticated"
            errors.append(error_entry(message, code, path=list(where)))
            changed = True
            continue
        if s.selections is not None:
            below = where + ("@",) * _list_depth(definition.type)  # list positions: see expand_paths
            children = _filter(schema, rules, named, s.selections, principal, below, errors)
            if children is not s.selections:
                changed = True
                s = replace(s, selections=children)
        out.append(s)
    return tuple(out) if changed else selections


def _list_depth(type_: Any) -> int:
    depth = 0
    while hasattr(type_, "of_type"):
        depth += isinstance(type_, GraphQLList)
        type_ = type_.of_type
    return depth


def expand_paths(errors: list[dict[str, Any]], data: Any) -> list[dict[str, Any]]:
    """Errors of removed fields below lists carry ``"@"`` for each list position; give each
    element of the response's lists its own error with the index (``["pets", 0, "notes"]``).
    Elements that are null (or lists that are empty) get none."""
    if not any("@" in (e.get("path") or ()) for e in errors):
        return errors
    out: list[dict[str, Any]] = []
    for error in errors:
        path = error.get("path") or ()
        if "@" not in path:
            out.append(error)
            continue
        out.extend(dict(error, path=concrete) for concrete in _concrete_paths(list(path), data))
    return out


def _concrete_paths(path: list, data: Any) -> list[list]:
    found: list[tuple[list, Any]] = [([], data)]
    for key in path[:-1]:
        step: list[tuple[list, Any]] = []
        for prefix, value in found:
            if key == "@":
                if isinstance(value, list):
                    step.extend((prefix + [i], item) for i, item in enumerate(value) if item is not None)
            elif isinstance(value, dict) and value.get(key) is not None:
                step.append((prefix + [key], value[key]))
        found = step
    return [prefix + [path[-1]] for prefix, _ in found]
