"""Parse federation field sets (``@key``/``@requires``/``@provides`` strings)."""

from __future__ import annotations

from functools import lru_cache

from graphql import SelectionSetNode, parse


@lru_cache(maxsize=4096)
def parse_field_set(fields: str) -> SelectionSetNode:
    """``"sku brand { id }"`` -> the selection set ``{ sku brand { id } }``."""
    document = parse("{" + fields + "}", no_location=True)
    return document.definitions[0].selection_set
