"""The admin audit log's table (``accounts.audit_entry``): appending one request's entries,
and the admins' read. Never commits a request's unit of work.

``append_entries`` is the writer ``auth.audit.AuditLog`` is given (``subgraphs.registry.create_app``
wires it): the audit log's API stays in ``auth`` (below the subgraphs, so it cannot import
this table), its SQL lives here. It runs on the audit log's own small pool, in a
transaction of its own, after the request's unit of work finished.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import false, true
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select

from auth.audit import AuditEvent
from auth.principal import Principal
from subgraphs.accounts.models import AuditEntry
from subgraphs.shared.context import UnitOfWork


def audit_entries_visible_to(principal: Principal):
    """Only admins read the audit log."""
    return true() if principal.is_admin else false()


async def audit_entries(uow: UnitOfWork, principal: Principal, first: int) -> list[AuditEntry]:
    """The newest ``first`` entries the principal may read."""
    query = (select(AuditEntry).where(audit_entries_visible_to(principal))
             .order_by(col(AuditEntry.at).desc()).limit(first))
    return list((await uow.exec(query)).all())


async def append_entries(engine: Any, actor_id: str, events: Sequence[AuditEvent]) -> int:
    """One INSERT of ``events`` by ``actor_id``, committed on ``engine``; rows written.
    ``action``/``subject`` are cut to their column lengths."""
    rows = [{"id": uuid.uuid4(), "actor_id": uuid.UUID(actor_id), "action": e.action[:64],
             "subject": e.subject[:128], "detail": e.detail} for e in events]
    if not rows:
        return 0
    async with engine.begin() as conn:
        await conn.execute(insert(AuditEntry), rows)
    return len(rows)
