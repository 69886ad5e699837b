"""Shape merged subgraph data into the client's response.

``compile_shaper`` turns the client operation into a tree of precompiled field lists
(one per possible concrete type, fragments and ``@skip``/``@include`` resolved for the
given directive variable values). ``Shaper.shape`` then walks the merged data once,
picking requested fields under their response keys in document order, and applies
GraphQL null propagation with the API schema's nullability: a null in a non-null
position makes the nearest nullable parent null and adds an error at that path.
"""

from __future__ import annotations

from typing import Any, Mapping

from graphql import (
    GraphQLNamedType,
    GraphQLSchema,
    get_named_type,
    is_abstract_type,
    is_enum_type,
    is_list_type,
    is_non_null_type,
)

from supergraph.errors import ErrorCode, error_entry
from supergraph.execution.merge import path_list
from supergraph.request.conditions import directive_variables, included
from supergraph.request.operation import CField, CSelection

__all__ = ["Shaper", "compile_shaper", "directive_variables", "included"]

_INTROSPECTION_ROOT = frozenset({"__schema", "__type"})

MISSING: Any = object()
_BUBBLE: Any = object()
_HIDDEN: Any = object()  # an object of an @inaccessible type


class ObjectShape:
    __slots__ = ("type_name", "abstract", "by_type")

    def __init__(self, type_name: str, abstract: bool) -> None:
        self.type_name = type_name
        self.abstract = abstract
        self.by_type: dict[str, tuple] = {}


def _levels(type_: Any) -> tuple[tuple[bool, bool], ...]:
    """``[A!]!`` -> ((list, non-null), (named, non-null))."""
    levels = []
    while True:
        non_null = is_non_null_type(type_)
        if non_null:
            type_ = type_.of_type
        if is_list_type(type_):
            levels.append((True, non_null))
            type_ = type_.of_type
        else:
            levels.append((False, non_null))
            return tuple(levels)


# How ``_Walk.object`` treats a field (the common shapes have a fast path).
_TYPENAME, _LEAF, _OBJECT, _LIST, _OTHER = range(5)


def _kind(levels: tuple, sub: Any) -> int:
    if len(levels) == 1:
        return _LEAF if sub is None else _OBJECT
    if len(levels) == 2 and levels[0][0]:
        return _LIST  # [T] / [T!] / [T]! / [T!]!
    return _OTHER


class _Compiler:
    def __init__(self, schema: GraphQLSchema, variables: Mapping[str, Any]) -> None:
        self.schema = schema
        self.variables = variables

    def object_shape(self, named: GraphQLNamedType, selections: tuple[CSelection, ...]) -> ObjectShape:
        abstract = is_abstract_type(named)
        shape = ObjectShape(named.name, abstract)
        types = self.schema.get_possible_types(named) if is_abstract_type(named) else [named]
        for object_type in types:
            shape.by_type[object_type.name] = self.fields_for(object_type, selections)
        if abstract and hasattr(named, "fields"):
            # an @interfaceObject subgraph answers with the interface's own name
            shape.by_type[named.name] = self.fields_for(named, selections)
        return shape

    def _applies(self, type_name: str, condition: str | None) -> bool:
        if condition is None or condition == type_name:
            return True
        cond = self.schema.get_type(condition)
        obj = self.schema.get_type(type_name)
        return obj is not None and is_abstract_type(cond) and self.schema.is_sub_type(cond, obj)

    def _collect(self, type_name: str, selections: tuple, out: dict[str, list]) -> None:
        for s in selections:
            if not included(s.directives, self.variables):
                continue
            if isinstance(s, CField):
                entry = out.setdefault(s.response_key, [s.name, []])
                if s.selections:
                    entry[1].extend(s.selections)
            elif self._applies(type_name, s.type_condition):
                self._collect(type_name, s.selections, out)

    def fields_for(self, object_type: Any, selections: tuple[CSelection, ...]) -> tuple:
        merged: dict[str, list] = {}
        type_name = object_type.name
        self._collect(type_name, selections, merged)
        fields: list[tuple] = []
        for key, (name, subs) in merged.items():
            if name == "__typename":
                fields.append((key, name, ((False, True),), None, type_name, _TYPENAME))
                continue
            definition = object_type.fields.get(name)
            if definition is None:
                if name in _INTROSPECTION_ROOT and object_type is self.schema.query_type:
                    # answered by the router's introspection, copied as they are
                    fields.append((key, name, ((False, False),), None, type_name, _LEAF))
                continue
            named = get_named_type(definition.type)
            sub: ObjectShape | frozenset[str] | None = self.object_shape(named, tuple(subs)) if subs else None
            if sub is None and is_enum_type(named):
                # a subgraph may return an @inaccessible value: only API values pass
                sub = frozenset(named.values)
            levels = _levels(definition.type)
            fields.append((key, name, levels, sub, type_name, _kind(levels, sub)))
        return tuple(fields)


class Shaper:
    """Precompiled response walker for one operation (+ directive variable values)."""

    def __init__(self, root: ObjectShape) -> None:
        self.root = root

    def shape(self, data: Mapping[str, Any] | None, errors: list[dict[str, Any]]) -> dict | None:
        walk = _Walk(errors)
        result = walk.object(data or {}, self.root, None)
        return None if result is _BUBBLE else result


class _Walk:
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.errors = errors
        self.had_errors = bool(errors)
        self._error_paths: list[tuple] | None = None

    def object(self, obj: Mapping[str, Any], shape: ObjectShape, path: Any) -> Any:
        type_name = obj.get("__typename", shape.type_name) if shape.abstract else shape.type_name
        fields = shape.by_type.get(type_name)
        if fields is None:
            # a subgraph returned a type the API schema does not have (``@inaccessible``):
            # the client sees null, as if the object were not there
            return _HIDDEN if shape.abstract and "__typename" in obj else {}
        out: dict[str, Any] = {}
        for key, name, levels, sub, parent, kind in fields:
            if kind == _LEAF:
                value = obj.get(key)
                if value is not None:
                    out[key] = value
                    continue
            elif kind == _OBJECT:
                value = obj.get(key)
                if isinstance(value, dict):
                    value = self.object(value, sub, (path, key))
                    if value is _BUBBLE or value is _HIDDEN:
                        if levels[0][1]:
                            if value is _HIDDEN:
                                self._null_error(False, (path, key), parent, name)
                            return _BUBBLE
                        value = None
                    out[key] = value
                    continue
            elif kind == _LIST:
                value = obj.get(key)
                if isinstance(value, list):
                    value = self.sequence(value, levels, sub, (path, key), parent, name)
                    if value is _BUBBLE:
                        return _BUBBLE
                    out[key] = value
                    continue
            elif kind == _TYPENAME:
                out[key] = type_name
                continue
            # nulls, missing values, wrong shapes and deeper lists: the general walk
            value = self.value(obj.get(key, MISSING), levels, 0, sub, (path, key), parent, name)
            if value is _BUBBLE:
                return _BUBBLE
            out[key] = value
        return out

    def sequence(self, value: list, levels: tuple, sub: Any, path: Any, parent: str, name: str) -> Any:
        """A one-level list field (``levels`` of length 2) holding a list."""
        list_non_null, item_non_null = levels[0][1], levels[1][1]
        if sub is None and (not item_non_null or None not in value):
            return list(value)  # leaves are copied as they are
        items: list[Any] = []
        append = items.append
        for index, item in enumerate(value):
            if sub is not None and isinstance(item, dict):
                shaped = self.object(item, sub, (path, index))
                if shaped is _BUBBLE or shaped is _HIDDEN:
                    if shaped is _HIDDEN and item_non_null:
                        self._null_error(False, (path, index), parent, name)
                    shaped = self._item_bubble(item_non_null)
            else:
                shaped = self.value(item, levels, 1, sub, (path, index), parent, name)
            if shaped is _BUBBLE:
                return _BUBBLE if list_non_null else None
            append(shaped)
        return items

    @staticmethod
    def _item_bubble(non_null: bool) -> Any:
        return _BUBBLE if non_null else None

    def value(self, value: Any, levels: tuple, depth: int, sub: Any, path: Any, parent: str, name: str) -> Any:
        is_list, non_null = levels[depth]
        if value is None or value is MISSING:
            if non_null:
                self._null_error(value is MISSING, path, parent, name)
                return _BUBBLE
            return None
        if is_list:
            if not isinstance(value, list):
                return _BUBBLE if non_null else None
            items = []
            for index, item in enumerate(value):
                shaped = self.value(item, levels, depth + 1, sub, (path, index), parent, name)
                if shaped is _BUBBLE:
                    return _BUBBLE if non_null else None
                items.append(shaped)
            return items
        if sub is None:
            return value
        if sub.__class__ is frozenset:  # enum
            if value in sub:
                return value
            self.errors.append(error_entry(f"Enum {parent}.{name} cannot represent value {value!r}.",
                                           ErrorCode.INTERNAL_SERVER_ERROR, path=path_list(path)))
            self._error_paths = None
            return _BUBBLE if non_null else None
        if not isinstance(value, dict):
            return _BUBBLE if non_null else None
        shaped = self.object(value, sub, path)
        if shaped is _BUBBLE:
            return _BUBBLE if non_null else None
        if shaped is _HIDDEN:
            if non_null:
                self._null_error(False, path, parent, name)
                return _BUBBLE
            return None
        return shaped

    def _null_error(self, missing: bool, linked_path: Any, parent: str, name: str) -> None:
        path = path_list(linked_path)
        if self._related_error(path) or (missing and self.had_errors):
            return
        message = f"Cannot return null for non-nullable field {parent}.{name}."
        self.errors.append(error_entry(message, ErrorCode.INTERNAL_SERVER_ERROR, path=path))
        self._error_paths = None

    def _related_error(self, path: list) -> bool:
        if self._error_paths is None:
            self._error_paths = [tuple(e.get("path") or ()) for e in self.errors]
        target = tuple(path)
        for other in self._error_paths:
            n = min(len(other), len(target))
            if n and other[:n] == target[:n]:
                return True
        return False


def compile_shaper(
    schema: GraphQLSchema,
    root_type: GraphQLNamedType,
    selections: tuple[CSelection, ...],
    variables: Mapping[str, Any],
) -> Shaper:
    return Shaper(_Compiler(schema, variables).object_shape(root_type, selections))
