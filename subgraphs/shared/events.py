"""Domain events of a subgraph: one publisher, and the guarded status move that feeds it.

State is the database row; an event on Redis pub/sub (``persistence.events``) is only a
notification, so it goes out after the request's transaction committed
(``UnitOfWork.after_commit``) and a lost one costs subscribers a refetch, never data.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from persistence import events
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.payloads import Failure

Publisher = Callable[[list[str], dict[str, Any]], Awaitable[bool]]
Row = TypeVar("Row")


def redis_publisher(redis: Any, prefix: str) -> Publisher | None:
    """``publisher(topics, payload)`` on ``redis`` (None without Redis: events are dropped)."""
    if redis is None:
        return None

    def publish(topics: list[str], payload: dict[str, Any]) -> Awaitable[bool]:
        return events.publish(redis, prefix, topics, payload)

    return publish


def publisher_of(resources: Any) -> Publisher | None:
    """The publisher of a request's resources (``app.state``: ``redis``, ``redis_prefix``)."""
    return redis_publisher(getattr(resources, "redis", None),
                           getattr(resources, "redis_prefix", ""))


def publish_after_commit(uow: UnitOfWork, publisher: Publisher | None, topics: list[str],
                         payload: dict[str, Any]) -> None:
    """Send ``payload`` to ``topics`` once ``uow`` committed (nothing on rollback)."""
    if publisher is not None:
        uow.after_commit(lambda: publisher(topics, payload))


async def guarded_move(uow: UnitOfWork, *, load: Callable[[], Awaitable[Row | None]],
                       missing: Failure, check: Callable[[Row], Failure | None],
                       write: Callable[[Row], Awaitable[None]],
                       event: Callable[[Row], tuple[list[str], dict[str, Any]]] | None = None,
                       publisher: Publisher | None = None) -> tuple[Row | None, Failure | None]:
    """A status move: ``load`` the row under ``FOR UPDATE`` (a repository call), ``check`` it,
    ``write`` it (a repository call, flushed), then ``event(row)`` -> (topics, payload) after
    commit. On any failure nothing was written and ``(None, failure)`` comes back."""
    row = await load()
    if row is None:
        return None, missing
    failure = check(row)
    if failure is not None:
        return None, failure
    await write(row)
    if event is not None:
        topics, payload = event(row)
        publish_after_commit(uow, publisher, topics, payload)
    return row, None
