"""Telemetry: storing one minute sample, and window aggregates for the visible pets. Never
commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func
from sqlalchemy import select as sql_select
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select

from auth.principal import Principal
from auth.visibility import CLINICAL, sql_pet_rule
from subgraphs.chronic_care.models import Device, Telemetry
from subgraphs.chronic_care.repository.devices import devices_visible_to
from subgraphs.shared.context import UnitOfWork


def telemetry_visible_to(principal: Principal):
    """As for devices: owners, shared-with accounts, their clinic's vets/partners, admins."""
    return sql_pet_rule(Telemetry, principal, care=CLINICAL)


async def record_sample(uow: UnitOfWork, sample: Telemetry) -> None:
    """Store one minute sample; a second sample in the same minute replaces the first."""
    values = sample.model_dump()
    statement = insert(Telemetry).values(**values).on_conflict_do_update(
        index_elements=["pet_id", "ts"],
        set_={k: v for k, v in values.items() if k not in ("pet_id", "ts")})
    await uow.exec(statement)


async def wearable_stats_by_pet_ids(uow: UnitOfWork, principal: Principal,
                                    pet_ids: Sequence[str], since: datetime, until: datetime,
                                    active_from: float) -> list[Any]:
    """One row per visible pet with a bound device: telemetry aggregates over [since, until);
    ``active_minutes`` counts samples with ``activity >= active_from``.

    Pets without a (visible) device get no row; pets with a device but no samples in the
    window get ``samples = 0`` and NULL aggregates (LEFT JOIN). One statement for all pets.
    """
    bound = (select(Device.pet_id)
             .where(col(Device.pet_id).in_(pet_ids), devices_visible_to(principal))
             .distinct().subquery("bound"))
    t = Telemetry
    samples_in_window = and_(col(t.pet_id) == bound.c.pet_id, col(t.ts) >= since,
                             col(t.ts) < until, telemetry_visible_to(principal))
    # SQLAlchemy's own select: SQLModel's typed overloads stop at four columns.
    query = (sql_select(
        bound.c.pet_id,
        func.count(col(t.ts)).label("samples"),
        func.avg(t.heart_rate).label("avg_heart_rate"),
        func.min(t.heart_rate).label("min_heart_rate"),
        func.max(t.heart_rate).label("max_heart_rate"),
        func.avg(t.temperature_c).label("avg_temperature_c"),
        func.max(t.temperature_c).label("max_temperature_c"),
        func.coalesce(func.sum(t.steps), 0).label("total_steps"),
        func.count(col(t.ts)).filter(col(t.activity) >= active_from).label("active_minutes"),
    ).select_from(bound).outerjoin(t, samples_in_window).group_by(bound.c.pet_id))
    return list((await uow.exec(query)).all())
