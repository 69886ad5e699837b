"""Activity state (a pet's still stretch, for INACTIVITY): read and written only by the
trusted paths - sample ingestion and the sweep - under row locks, so it has no principal
read and no visibility hook. Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select

from subgraphs.chronic_care.models import ActivityState, Geofence
from subgraphs.shared.context import UnitOfWork


async def activity_state_for_update(uow: UnitOfWork, fresh: ActivityState
                                    ) -> tuple[ActivityState, bool]:
    """The pet's activity state, row-locked until the unit of work ends; ``fresh`` is stored
    first when the pet has none yet. (row, created). Change the row, then ``save_states``."""
    created = (await uow.exec(insert(ActivityState).values(**fresh.model_dump())
                              .on_conflict_do_nothing(index_elements=["pet_id"])
                              .returning(col(ActivityState.pet_id)))).first() is not None
    query = (select(ActivityState).where(ActivityState.pet_id == fresh.pet_id)
             .with_for_update().execution_options(populate_existing=True))
    return (await uow.exec(query)).one(), created


async def due_activity_states(uow: UnitOfWork, now: datetime, limit: int
                              ) -> list[tuple[ActivityState, float | None]]:
    """Still stretches due at ``now`` (oldest first, at most ``limit``), each with its home
    longitude; rows locked, those another sweep holds are skipped. Reads the partial index
    ``ix_activity_state_due`` (``due_at IS NOT NULL``)."""
    query = (select(ActivityState, Geofence.lon)
             .outerjoin(Geofence, col(Geofence.pet_id) == ActivityState.pet_id)
             .where(col(ActivityState.due_at).is_not(None), col(ActivityState.due_at) <= now)
             .order_by(col(ActivityState.due_at)).limit(limit)
             .with_for_update(of=ActivityState, skip_locked=True)
             .execution_options(populate_existing=True))
    return [(row[0], row[1]) for row in (await uow.exec(query)).all()]


async def save_states(uow: UnitOfWork) -> None:
    """Write the changes made to the activity-state rows read in this unit of work."""
    await uow.flush()
