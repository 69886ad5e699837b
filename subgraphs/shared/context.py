"""Per-request context of a subgraph: principal, unit of work, DataLoaders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

from auth.principal import Principal
from subgraphs.shared.errors import unauthenticated


class UnitOfWork:
    """One database session per request; repositories never commit, the request boundary does.

    DataLoaders of one request may dispatch concurrently; an AsyncSession must not be used
    concurrently, so statements go through ``execute`` which serialises them on a lock.
    """

    def __init__(self, engine: AsyncEngine | None) -> None:
        self._engine = engine
        self._session: AsyncSession | None = None
        self._lock = asyncio.Lock()
        self._after_commit: list[Callable[[], Awaitable[object]]] = []

    def after_commit(self, callback: Callable[[], Awaitable[object]]) -> None:
        """Run ``callback`` once the request's transaction has committed (events, caches);
        what it returns is not used."""
        self._after_commit.append(callback)

    async def execute(self, statement: Any) -> Any:
        async with self._lock:
            return await self.session.execute(statement)

    async def exec(self, statement: Any) -> Any:
        """SQLModel's ``exec`` (scalars for single-entity selects), serialised like ``execute``."""
        async with self._lock:
            return await self.session.exec(statement)

    async def flush(self) -> None:
        async with self._lock:
            await self.session.flush()

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            if self._engine is None:
                raise RuntimeError("this subgraph has no SQL store")
            self._session = AsyncSession(self._engine, expire_on_commit=False)
        return self._session

    async def finish(self, commit: bool) -> None:
        if self._session is None:
            return
        try:
            if commit:
                await self._session.commit()
            else:
                self._session.expunge_all()  # keep what was read usable after the rollback
                await self._session.rollback()
        finally:
            await self._session.close()
            self._session = None
        callbacks, self._after_commit = self._after_commit, []
        if commit:
            for callback in callbacks:
                await callback()


@dataclass
class SubgraphContext:
    principal: Principal
    uow: UnitOfWork
    resources: Any
    loaders: Any = field(init=False)
    # The domain's loaders class (``loaders.<domain>.LOADERS``; typed for resolvers by
    # ``subgraphs/<domain>/context.py``), built per request; None: no loaders.
    loaders_class: Callable[[Any], Any] | None = None
    # Admin reads worth auditing (auth.audit.AuditEvent), written by the request boundary.
    audit: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.loaders = self.loaders_class(self) if self.loaders_class is not None else None

    @property
    def session(self) -> AsyncSession:
        return self.uow.session

    def require_user(self) -> str:
        if self.principal.user_id is None:
            raise unauthenticated()
        return self.principal.user_id
