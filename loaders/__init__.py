"""Per-request DataLoaders, one module per domain, named ``<entity>_by_<key>``.

Each loader factory takes the request context and returns an ``aiodataloader.DataLoader``
whose batch function makes ONE store query for all keys of a tick. Keys are canonical UUID
strings; ``one_per_key``/``many_per_key`` align the rows back to the keys.

A domain's module exposes ``LOADERS``: a ``RequestLoaders`` subclass whose attributes are the
loaders (``functools.cached_property``, built on first use in a request). The subgraph
declares the same attributes as a Protocol in ``subgraphs/<domain>/context.py`` and reads
them through ``loaders(info)``; ``subgraphs.registry`` hands the class to the subgraph, so
``loaders`` imports the subgraph's repository and never the other way round.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from aiodataloader import DataLoader

T = TypeVar("T")


def one_per_key(rows: Iterable[T], keys: Sequence[Any], key: Callable[[T], Any]) -> list[T | None]:
    by_key = {key(row): row for row in rows}
    return [by_key.get(k) for k in keys]


def many_per_key(rows: Iterable[T], keys: Sequence[Any], key: Callable[[T], Any]) -> list[list[T]]:
    grouped: dict[Any, list[T]] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return [grouped.get(k, []) for k in keys]


class RequestLoaders:
    """One request's loaders of one subgraph (subclass per domain; ``ctx`` is the request's
    ``SubgraphContext``: principal, unit of work, resources)."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx


def str_attr(attr: str) -> Callable[[Any], str]:
    """A row's ``attr`` as a string: the key a row is aligned back to (ids are UUID strings)."""
    return lambda row: str(getattr(row, attr))


def loader(batch: Callable[[list[Any]], Any]) -> DataLoader:
    return DataLoader(batch_load_fn=batch)


def valid_uuids(keys: Sequence[str]) -> list[str]:
    """Keys that are canonical UUIDs (others can match nothing; they resolve to None)."""
    import uuid

    out = []
    for k in keys:
        try:
            if str(uuid.UUID(k)) == k:
                out.append(k)
        except (ValueError, AttributeError, TypeError):
            continue
    return out
