"""appointments' patient list (``Patient``: pet -> owner, which booking checks) kept from
profiles' durable ``pets`` stream (``persistence.streams``), not from a one-off copy.

profiles adds ``PetRegistered {petId, ownerId}`` to the stream after the pet is stored. This
subgraph reads it through the consumer group ``appointments`` and upserts ``Patient`` in its
own transaction, acknowledging entries only after the commit: when appointments is down
(or Redis is), entries wait in the stream and are applied when it is back; a process that
died holding entries has them claimed by another after ``CLAIM_IDLE_MS``. The upsert is
idempotent, so a redelivered entry changes nothing.

Two paths drain the group, serialised by one lock per process: a background loop (every
``POLL_SECONDS``) and a booking whose pet is not (yet) known (``catch_up``), so an owner can
book a pet in the request right after registering it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from typing import Any

from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from persistence.streams import GroupReader
from persistence.tasks import stop_task
from subgraphs.appointments.repository import patients as repo

log = logging.getLogger(__name__)
STREAM, GROUP = "pets", "appointments"
POLL_SECONDS = 1.0
CLAIM_IDLE_MS = 30_000


def patient_rows(payloads: list[dict[str, Any]]) -> list[dict[str, uuid.UUID]]:
    rows = {}
    for p in payloads:
        if p.get("type") != "PetRegistered":
            continue
        try:
            pet_id, owner_id = uuid.UUID(p["petId"]), uuid.UUID(p["ownerId"])
        except (KeyError, TypeError, ValueError):
            log.warning("pets stream: malformed %s entry dropped", p.get("type"))
            continue
        rows[pet_id] = {"pet_id": pet_id, "owner_id": owner_id}
    return list(rows.values())


class PatientSync:
    def __init__(self, engine, redis, prefix: str, consumer: str | None = None) -> None:
        self.engine = engine
        self.reader = GroupReader(redis, prefix, STREAM, GROUP,
                                  consumer or f"{socket.gethostname()}-{os.getpid()}",
                                  claim_idle_ms=CLAIM_IDLE_MS)
        self.lock = asyncio.Lock()
        self.task: asyncio.Task | None = None
        self.applied = 0  # entries handled by this process (tests, metrics)

    async def apply(self, payloads: list[dict[str, Any]]) -> None:
        rows = patient_rows(payloads)
        if not rows:
            return
        async with self.engine.begin() as connection:  # commits on leaving
            await repo.upsert_patients(connection, rows)

    async def catch_up(self) -> int:
        """Apply every entry not yet handled; the number handled (errors logged, 0)."""
        async with self.lock:
            try:
                await self.reader.ensure_group()
                handled = await self.reader.drain(self.apply)
            except (RedisError, OSError, SQLAlchemyError) as exc:
                log.warning("patient sync paused: %s", exc)
                return 0
            self.applied += handled
            return handled

    def start(self) -> None:
        self.task = asyncio.create_task(self._run(), name="appointments-patient-sync")

    async def stop(self) -> None:
        await stop_task(self.task)

    async def _run(self) -> None:
        while True:
            await self.catch_up()
            await asyncio.sleep(POLL_SECONDS)
