"""Wearable stats: the windows and the shape of their numbers. No GraphQL, no SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

# A minute counts as active when the collar's activity score reaches this level.
ACTIVE_THRESHOLD = 0.3

WINDOWS: dict[str, timedelta] = {
    "LAST_24_HOURS": timedelta(hours=24),
    "LAST_7_DAYS": timedelta(days=7),
    "LAST_30_DAYS": timedelta(days=30),
}


def window_bounds(window: str, now: datetime) -> tuple[datetime, datetime]:
    """``[now - length, now)``: the half-open interval a stats window covers."""
    try:
        length = WINDOWS[window]
    except KeyError:
        raise ValueError(f"unknown stats window {window!r}") from None
    return now - length, now


@dataclass(frozen=True)
class WearableStatsData:
    window: str
    since: datetime
    until: datetime
    samples: int
    avg_heart_rate: float | None
    min_heart_rate: int | None
    max_heart_rate: int | None
    avg_temperature_c: float | None
    max_temperature_c: float | None
    total_steps: int
    active_minutes: int


def _round(value: Decimal | float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def wearable_stats(window: str, since: datetime, until: datetime, row: Any) -> WearableStatsData:
    """Stats from one aggregate row (see ``repository.wearable_stats_by_pet_ids``)."""
    return WearableStatsData(
        window=window, since=since, until=until, samples=int(row.samples),
        avg_heart_rate=_round(row.avg_heart_rate, 1),
        min_heart_rate=row.min_heart_rate, max_heart_rate=row.max_heart_rate,
        avg_temperature_c=_round(row.avg_temperature_c, 2),
        max_temperature_c=_round(row.max_temperature_c, 2),
        total_steps=int(row.total_steps), active_minutes=int(row.active_minutes))
