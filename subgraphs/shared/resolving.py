"""Per-item resolvers without extra coroutine layers.

graphql-core completes an object synchronously only when none of its fields returns an
awaitable; one ``async def`` resolver on a type listed N times costs N coroutines (plus
Strawberry's ``_async_resolver``/``await_maybe`` layers) and a task per gathered field.
So a resolver whose value is at hand returns it, and one that must wait for a DataLoader
is a plain ``def`` returning ``then(loader.load(key), convert)``: graphql-core awaits it
(errors and ``None`` complete as from an ``async def``).
"""

from __future__ import annotations

from asyncio import Future
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")


def then(value: Awaitable[T], convert: Callable[[T], R]) -> R:
    """``convert(await value)``, with no coroutine when ``value`` is a settled future
    (a DataLoader key already loaded in this request).

    Typed as ``R``, the type the resolver declares (its GraphQL type): the result is either
    that value or an awaitable of it, which graphql-core awaits before completing the field."""
    if isinstance(value, Future) and value.done():
        return convert(value.result())  # raises the load's exception as awaiting would
    # a resolver's awaitable result is completed as its value (graphql-core awaits it)
    return cast(R, _then(value, convert))


async def _then(value: Awaitable[T], convert: Callable[[T], R]) -> R:
    return convert(await value)


def optional(convert: Callable[[Any], R]) -> Callable[[Any], R | None]:
    """``convert`` for a row that may be missing (a missing row resolves to ``None``)."""
    def convert_optional(row: Any) -> R | None:
        return convert(row) if row else None
    return convert_optional


def each(convert: Callable[[Any], R]) -> Callable[[list], list[R]]:
    """``convert`` for every row of a loaded list."""
    def convert_each(rows: list) -> list[R]:
        return [convert(row) for row in rows]
    return convert_each
