"""profiles' ``pets`` stream relay: adds the ``PetRegistered`` entries Redis refused.

A registration is stored with ``announced: false`` and its stream entry added right after
(``service.pets``); when Redis refuses that, the pet stays unannounced. The relay adds the
entries of unannounced pets: once at start, before serving (a process may have died with
some), then only after this process saw a refusal (``PetService`` sets
``state.pets_unannounced``), checked every ``RELAY_SECONDS`` - no polling of MongoDB
otherwise. An entry may arrive twice; consumers are idempotent.
"""

from __future__ import annotations

import asyncio
import logging

from pymongo.errors import PyMongoError

from persistence import streams
from persistence.tasks import stop_task
from subgraphs.profiles.repository import pets as repo
from subgraphs.profiles.service.pets import PETS_STREAM

log = logging.getLogger(__name__)
RELAY_SECONDS = 5.0


async def announce_pending(db, redis, prefix: str, batch: int = 100) -> int | None:
    """Add the stream entries of registrations Redis refused earlier: how many were added,
    None when Redis refused again (some are left)."""
    added = 0
    while pets := await repo.unannounced_pets(db, batch):
        for pet in pets:
            payload = {"type": "PetRegistered", "petId": pet["_id"], "ownerId": pet["owner_id"]}
            if not await streams.append(redis, prefix, PETS_STREAM, payload):
                return None
            await repo.mark_announced(db, pet["_id"])
            added += 1
    return added


class PetsRelay:
    """The relay of one profiles process over its app ``state`` (``mongo``, ``redis``,
    ``redis_prefix``, ``pets_unannounced``)."""

    def __init__(self, state) -> None:
        self.state = state
        self.task: asyncio.Task | None = None

    async def announce(self) -> None:
        """Add what is pending; on a refusal, try again in ``RELAY_SECONDS``."""
        state = self.state
        state.pets_unannounced = False
        try:
            done = await announce_pending(state.mongo, state.redis, state.redis_prefix)
        except PyMongoError as exc:
            log.warning("pets stream relay: %s", exc)
            done = None
        if done is None:
            state.pets_unannounced = True

    def start(self) -> None:
        self.task = asyncio.create_task(self._run(), name="profiles-pets-relay")

    async def stop(self) -> None:
        await stop_task(self.task)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(RELAY_SECONDS)
            if self.state.pets_unannounced:
                await self.announce()
