"""Checks that need only one subgraph: type references, @key, @requires, @provides, @external.

Every problem becomes a `CompositionError`; nothing stops at the first one.
"""

from __future__ import annotations

from supergraph.composition.model import CompositionError, FieldDef, Kind, Subgraph, TypeDef
from supergraph.composition.subgraph import BUILTIN_SCALARS
from supergraph.spec.field_sets import FieldRef, parse_field_set, walk
from supergraph.spec.types import is_list, named

_COMPOSITE = (Kind.OBJECT, Kind.INTERFACE, Kind.UNION)


class _Checker:
    def __init__(self, subgraph: Subgraph) -> None:
        self.subgraph = subgraph
        self.errors: list[CompositionError] = []
        self.used_externals: set[tuple[str, str]] = set()

    def error(self, code: str, message: str) -> None:
        self.errors.append(CompositionError(code, f"[{self.subgraph.name}] {message}", (self.subgraph.name,)))

    def field(self, parent: str, name: str) -> FieldDef | None:
        typedef = self.subgraph.types.get(parent)
        return typedef.fields.get(name) if typedef and typedef.kind in (Kind.OBJECT, Kind.INTERFACE) else None

    def field_type(self, parent: str, name: str) -> str | None:
        field = self.field(parent, name)
        return named(field.type) if field else None

    def known(self, type_name: str) -> bool:
        return type_name in BUILTIN_SCALARS or type_name in self.subgraph.types

    def selections(self, text: str, parent: str, directive: str, code: str) -> list[FieldRef] | None:
        try:
            selection = parse_field_set(text)
        except ValueError as exc:
            self.error(code, f'On type "{parent}", for @{directive}(fields: "{text}"): invalid field set: {exc}')
            return None
        refs: list[FieldRef] = []
        for item in walk(selection, parent, self.field_type):
            if isinstance(item, str):
                self.error(code, f'On type "{parent}", for @{directive}(fields: "{text}"): {item}.')
                return None
            refs.append(item)
        return refs


def _check_references(checker: _Checker, typedef: TypeDef) -> None:
    for field in typedef.fields.values():
        for type_name in [named(field.type), *(named(a.type) for a in field.args.values())]:
            if not checker.known(type_name):
                checker.error("INVALID_GRAPHQL", f'Unknown type "{type_name}" used by "{typedef.name}.{field.name}".')
    for name in typedef.interfaces + typedef.members:
        if not checker.known(name):
            checker.error("INVALID_GRAPHQL", f'Unknown type "{name}" used by "{typedef.name}".')


def _check_keys(checker: _Checker, typedef: TypeDef) -> None:
    for key in typedef.keys:
        refs = checker.selections(key.fields, typedef.name, "key", "KEY_INVALID_FIELDS")
        for ref in refs or ():
            field = checker.field(ref.parent, ref.name)
            assert field is not None
            target = checker.subgraph.types.get(named(field.type))
            if is_list(field.type) or (target and target.kind in (Kind.INTERFACE, Kind.UNION)):
                checker.error(
                    "KEY_FIELDS_SELECT_INVALID_TYPE",
                    f'On type "{typedef.name}", for @key(fields: "{key.fields}"): field "{ref.parent}.{ref.name}" '
                    "is a List, an Interface or a Union, which is not allowed in @key.",
                )
            if field.args:
                checker.error("KEY_FIELDS_HAS_ARGS", f'On type "{typedef.name}", for @key(fields: "{key.fields}"): '
                                                     f'field "{ref.parent}.{ref.name}" has arguments.')
            checker.used_externals.add((ref.parent, ref.name))


def _check_requires(checker: _Checker, typedef: TypeDef, field: FieldDef) -> None:
    text = field.requires or ""
    refs = checker.selections(text, typedef.name, "requires", "REQUIRES_INVALID_FIELDS")
    for ref in refs or ():
        required = checker.field(ref.parent, ref.name)
        checker.used_externals.add((ref.parent, ref.name))
        if required and not ref.has_selection and not required.external and ref.parent == typedef.name:
            checker.error(
                "REQUIRES_FIELDS_MISSING_EXTERNAL",
                f'On field "{typedef.name}.{field.name}", for @requires(fields: "{text}"): '
                f'field "{ref.parent}.{ref.name}" should not be part of a @requires since it is already provided by '
                'this subgraph '
                "(it is not marked @external).",
            )


def _check_provides(checker: _Checker, typedef: TypeDef, field: FieldDef) -> None:
    text = field.provides or ""
    target = checker.subgraph.types.get(named(field.type))
    if target is None or target.kind not in _COMPOSITE:
        checker.error(
            "PROVIDES_ON_NON_OBJECT_FIELD",
            f'Invalid @provides directive on field "{typedef.name}.{field.name}": field has type '
            f'"{named(field.type)}" which is not a Composite Type.',
        )
        return
    refs = checker.selections(text, target.name, "provides", "PROVIDES_INVALID_FIELDS")
    for ref in refs or ():
        provided = checker.field(ref.parent, ref.name)
        checker.used_externals.add((ref.parent, ref.name))
        if provided and not ref.has_selection and not provided.external:
            checker.error(
                "PROVIDES_FIELDS_MISSING_EXTERNAL",
                f'On field "{typedef.name}.{field.name}", for @provides(fields: "{text}"): '
                f'field "{ref.parent}.{ref.name}" should not be part of a @provides since it is already provided by '
                'this subgraph '
                "(it is not marked @external).",
            )


def _check_override(checker: _Checker, typedef: TypeDef, field: FieldDef) -> None:
    if field.override == checker.subgraph.name:
        checker.error(
            "OVERRIDE_FROM_SELF_ERROR",
            f'Source and destination subgraphs "{field.override}" are the same for overridden field '
            f'"{typedef.name}.{field.name}".',
        )


def validate_subgraph(subgraph: Subgraph) -> list[CompositionError]:
    checker = _Checker(subgraph)
    for typedef in subgraph.types.values():
        _check_references(checker, typedef)
        _check_keys(checker, typedef)
        if typedef.kind not in (Kind.OBJECT, Kind.INTERFACE):
            continue
        for field in typedef.fields.values():
            if field.requires is not None:
                _check_requires(checker, typedef, field)
            if field.provides is not None:
                _check_provides(checker, typedef, field)
            if field.override is not None:
                _check_override(checker, typedef, field)
    for typedef in subgraph.types.values():
        for field in typedef.fields.values():
            if field.external and subgraph.fed2 and (typedef.name, field.name) not in checker.used_externals:
                if not _used_by_interface(subgraph, typedef, field.name):
                    checker.error(
                        "EXTERNAL_UNUSED",
                        f'Field "{typedef.name}.{field.name}" is marked @external but is not used in any federation '
                        'directive '
                        "(@key, @provides, @requires) or to satisfy an interface; the field declaration has no use "
                        "and should be removed "
                        "(or the field should not be @external).",
                    )
    return checker.errors


def _used_by_interface(subgraph: Subgraph, typedef: TypeDef, field_name: str) -> bool:
    return any(
        field_name in subgraph.types[i].fields for i in typedef.interfaces if i in subgraph.types
    )
