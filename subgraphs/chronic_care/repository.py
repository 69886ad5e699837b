"""All chronic_care queries. Reads take the principal and filter in the query; never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, update
from sqlmodel import col, select

from auth.principal import Principal
from auth.visibility import CLINICAL, sql_pet_rule
from subgraphs.chronic_care.models import (ActivityState, Alert, CarePlan, Device, Geofence,
                                          Telemetry)
from subgraphs.chronic_care.service import ACTIVE_THRESHOLD
from subgraphs.shared.context import UnitOfWork


def visibility(model: Any, principal: Principal):
    """Deny by default: owners see their own pets' rows, staff their clinic's patients'
    (``auth.access``), admins everything."""
    return sql_pet_rule(model, principal, care=CLINICAL)


async def devices_by_ids(uow: UnitOfWork, principal: Principal,
                         ids: Sequence[str]) -> list[Device]:
    query = select(Device).where(col(Device.id).in_(ids), visibility(Device, principal))
    return list((await uow.exec(query)).all())


async def devices_by_pet_ids(uow: UnitOfWork, principal: Principal,
                             pet_ids: Sequence[str]) -> list[Device]:
    query = (select(Device)
             .where(col(Device.pet_id).in_(pet_ids), visibility(Device, principal))
             .order_by(col(Device.bound_at).desc()))
    return list((await uow.exec(query)).all())


async def care_plans_by_ids(uow: UnitOfWork, principal: Principal,
                            ids: Sequence[str]) -> list[CarePlan]:
    query = select(CarePlan).where(col(CarePlan.id).in_(ids), visibility(CarePlan, principal))
    return list((await uow.exec(query)).all())


async def care_plans_by_pet_ids(uow: UnitOfWork, principal: Principal,
                                pet_ids: Sequence[str]) -> list[CarePlan]:
    query = (select(CarePlan)
             .where(col(CarePlan.pet_id).in_(pet_ids), visibility(CarePlan, principal))
             .order_by(col(CarePlan.started_on).desc(), col(CarePlan.id)))
    return list((await uow.exec(query)).all())


async def wearable_stats_by_pet_ids(uow: UnitOfWork, principal: Principal,
                                    pet_ids: Sequence[str], since: datetime,
                                    until: datetime) -> list[Any]:
    """One row per visible pet with a bound device: telemetry aggregates over [since, until).

    Pets without a (visible) device get no row; pets with a device but no samples in the
    window get ``samples = 0`` and NULL aggregates (LEFT JOIN). One statement for all pets.
    """
    bound = (select(Device.pet_id)
             .where(col(Device.pet_id).in_(pet_ids), visibility(Device, principal))
             .distinct().subquery("bound"))
    t = Telemetry
    samples_in_window = and_(t.pet_id == bound.c.pet_id, t.ts >= since, t.ts < until,
                             visibility(t, principal))
    query = (select(
        bound.c.pet_id,
        func.count(t.ts).label("samples"),
        func.avg(t.heart_rate).label("avg_heart_rate"),
        func.min(t.heart_rate).label("min_heart_rate"),
        func.max(t.heart_rate).label("max_heart_rate"),
        func.avg(t.temperature_c).label("avg_temperature_c"),
        func.max(t.temperature_c).label("max_temperature_c"),
        func.coalesce(func.sum(t.steps), 0).label("total_steps"),
        func.count(t.ts).filter(t.activity >= ACTIVE_THRESHOLD).label("active_minutes"),
    ).select_from(bound).outerjoin(t, samples_in_window).group_by(bound.c.pet_id))
    return list((await uow.exec(query)).all())


async def device_for_ingest(uow: UnitOfWork, device_id: str) -> Device | None:
    """The device a sample comes from (ingestion is trusted; callers check who may ingest)."""
    return (await uow.exec(select(Device).where(Device.id == device_id))).first()


async def record_sample(uow: UnitOfWork, sample: Telemetry) -> None:
    """Store one minute sample; a second sample in the same minute replaces the first."""
    from sqlalchemy.dialects.postgresql import insert

    values = sample.model_dump()
    statement = insert(Telemetry).values(**values).on_conflict_do_update(
        index_elements=["pet_id", "ts"],
        set_={k: v for k, v in values.items() if k not in ("pet_id", "ts")})
    await uow.exec(statement)


async def add_alerts(uow: UnitOfWork, alerts: Sequence[Alert]) -> None:
    uow.session.add_all(list(alerts))
    await uow.flush()


async def alerts_by_ids(uow: UnitOfWork, principal: Principal,
                        ids: Sequence[str]) -> list[Alert]:
    query = select(Alert).where(col(Alert.id).in_(ids), visibility(Alert, principal))
    return list((await uow.exec(query)).all())


async def visible_devices_of_pet(uow: UnitOfWork, principal: Principal, pet_id: str) -> int:
    query = (select(func.count()).select_from(Device)
             .where(Device.pet_id == pet_id, visibility(Device, principal)))
    return int((await uow.exec(query)).one())


async def managed_device_of_pet(uow: UnitOfWork, principal: Principal, pet_id: str) -> Device | None:
    """A collar of the pet that ``principal`` may manage: own or shared pet, or admin (staff's
    clinical read access does not count)."""
    query = (select(Device).where(Device.pet_id == pet_id, sql_pet_rule(Device, principal))
             .order_by(col(Device.bound_at).desc()).limit(1))
    return (await uow.exec(query)).first()


async def upsert_geofence(uow: UnitOfWork, fence: Geofence) -> Geofence:
    from sqlalchemy.dialects.postgresql import insert

    values = fence.model_dump()
    statement = insert(Geofence).values(**values).on_conflict_do_update(
        index_elements=["pet_id"], set_={k: v for k, v in values.items() if k != "pet_id"})
    await uow.exec(statement)
    return fence


async def geofence_for_update(uow: UnitOfWork, pet_id) -> Geofence | None:
    """The pet's fence, row-locked until the unit of work ends (ingestion is trusted)."""
    query = select(Geofence).where(Geofence.pet_id == pet_id).with_for_update()
    return (await uow.exec(query)).first()


async def set_geofence_outside(uow: UnitOfWork, pet_id, outside: bool) -> None:
    await uow.exec(update(Geofence).where(Geofence.pet_id == pet_id).values(outside=outside))


async def geofences_by_pet_ids(uow: UnitOfWork, principal: Principal,
                               pet_ids: Sequence[str]) -> list[Geofence]:
    """Fences (the owner's home point) only for those who may manage the pet, not clinic staff."""
    query = select(Geofence).where(col(Geofence.pet_id).in_(pet_ids),
                                   sql_pet_rule(Geofence, principal))
    return list((await uow.exec(query)).all())


async def home_longitude(uow: UnitOfWork, pet_id) -> float | None:
    """The longitude of the pet's fence home point (its local time), None without a fence."""
    return (await uow.exec(select(Geofence.lon).where(Geofence.pet_id == pet_id))).first()


async def activity_state_for_update(uow: UnitOfWork, fresh: ActivityState
                                    ) -> tuple[ActivityState, bool]:
    """The pet's activity state, row-locked until the unit of work ends; ``fresh`` is stored
    first when the pet has none yet. (row, created). Change the row, then ``flush``."""
    from sqlalchemy.dialects.postgresql import insert

    created = (await uow.exec(insert(ActivityState).values(**fresh.model_dump())
                              .on_conflict_do_nothing(index_elements=["pet_id"])
                              .returning(ActivityState.pet_id))).first() is not None
    query = (select(ActivityState).where(ActivityState.pet_id == fresh.pet_id)
             .with_for_update().execution_options(populate_existing=True))
    return (await uow.exec(query)).one(), created


async def due_activity_states(uow: UnitOfWork, now: datetime, limit: int
                              ) -> list[tuple[ActivityState, float | None]]:
    """Still stretches due at ``now`` (oldest first, at most ``limit``), each with its home
    longitude; rows locked, those another sweep holds are skipped. Reads the partial index
    ``ix_activity_state_due`` (``due_at IS NOT NULL``)."""
    query = (select(ActivityState, Geofence.lon)
             .outerjoin(Geofence, Geofence.pet_id == ActivityState.pet_id)
             .where(col(ActivityState.due_at).is_not(None), col(ActivityState.due_at) <= now)
             .order_by(col(ActivityState.due_at)).limit(limit)
             .with_for_update(of=ActivityState, skip_locked=True)
             .execution_options(populate_existing=True))
    return [(row[0], row[1]) for row in (await uow.exec(query)).all()]
