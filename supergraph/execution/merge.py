"""Helpers over the merged response tree: find entities at a plan path, merge results."""

from __future__ import annotations

from typing import Any, Iterable

from supergraph.planning.plan import RequiredField


def collect(data: Any, path: tuple[str, ...], typenames: frozenset[str]) -> list[tuple[dict, Any]]:
    """Objects at ``path`` (``@`` = every list item) whose ``__typename`` matches.

    Each comes with its response path as a linked ``(parent, key)`` chain (``None`` at the
    root; ``path_list`` turns it into a list), so long lists cost no path copies."""
    current: list[tuple[Any, Any]] = [(data, None)]
    for segment in path:
        following: list[tuple[Any, Any]] = []
        append = following.append
        if segment == "@":
            for value, where in current:
                if isinstance(value, list):
                    for i, item in enumerate(value):
                        if item is not None:
                            append((item, (where, i)))
        else:
            for value, where in current:
                if isinstance(value, dict):
                    item = value.get(segment)
                    if item is not None:
                        append((item, (where, segment)))
        current = following
    only = next(iter(typenames)) if len(typenames) == 1 else None
    return [
        (value, where)
        for value, where in current
        if isinstance(value, dict) and value.get("__typename", only) in typenames
    ]


def path_list(linked: Any) -> list:
    """``((None, "a"), 0)`` -> ``["a", 0]``."""
    out = []
    while linked is not None:
        linked, key = linked
        out.append(key)
    out.reverse()
    return out


_ABSENT: Any = object()


def project(obj: dict, fields: Iterable[RequiredField]) -> dict | None:
    """The representation of ``obj`` for ``fields``; None when a field is missing."""
    out: dict[str, Any] = {}
    for field in fields:
        if field.condition is not None:  # "... on T { ... }" of a field set
            if obj.get("__typename") in field.condition:
                inner = project(obj, field.selections or ())
                if inner is None:
                    return None
                out.update(inner)
            continue
        value = obj.get(field.key or field.name, _ABSENT)
        if value is _ABSENT:
            return None
        if field.selections and value is not None:
            value = _project_value(value, field.selections)
            if value is _ABSENT:
                return None
        out[field.name] = value
    return out


def _project_value(value: Any, fields: tuple[RequiredField, ...]) -> Any:
    if isinstance(value, list):
        items = [_project_value(v, fields) if v is not None else None for v in value]
        return _ABSENT if any(i is _ABSENT for i in items) else items
    if isinstance(value, dict):
        projected = project(value, fields)
        return _ABSENT if projected is None else projected
    return value


def deep_merge(target: dict, source: dict) -> None:
    for key, value in source.items():
        existing = target.get(key)
        if existing is None:
            # absent, or null (a null never overwrites: same outcome either way)
            if value is not None or key not in target:
                target[key] = value
        elif isinstance(existing, dict) and isinstance(value, dict):
            deep_merge(existing, value)
        elif isinstance(existing, list) and isinstance(value, list):
            _merge_lists(existing, value)
        elif value is not None:
            target[key] = value


def _merge_lists(target: list, source: list) -> None:
    for index, value in enumerate(source):
        if index >= len(target):
            target.append(value)
        elif isinstance(target[index], dict) and isinstance(value, dict):
            deep_merge(target[index], value)
        elif isinstance(target[index], list) and isinstance(value, list):
            _merge_lists(target[index], value)
        elif value is not None:
            target[index] = value
