"""Geofences (escape alerts): the rules and the per-sample check. No GraphQL, no SQL.

A pet's fence is a home point and a radius (``RADIUS_MIN_M`` .. ``RADIUS_MAX_M`` metres) set by
someone who may manage the pet (its owner, a co-owner/sitter it is shared with, an admin).
Distance is the great-circle (haversine) distance on a sphere of the Earth's mean radius.

Escape is an excursion, not a sample: the fence row remembers whether the pet is outside.
The first GPS fix beyond the radius flips it to outside and raises one ESCAPE alert; further
fixes outside raise nothing; the first fix back inside (distance <= radius) flips it back,
so the next departure raises a new alert. Setting a fence starts "inside". Fixes are taken
in arrival order (the MQTT consumer handles them one at a time, the row is locked).
"""

from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime

from subgraphs.chronic_care import repository as repo
from subgraphs.chronic_care.errors import ChronicCareErrorCode
from subgraphs.chronic_care.models import Geofence
from subgraphs.chronic_care.service import input_failures
from subgraphs.chronic_care.service.alerts import Finding
from subgraphs.shared.context import UnitOfWork
from subgraphs.shared.payloads import Failure

EARTH_RADIUS_M = 6_371_008.8
RADIUS_MIN_M = 20
RADIUS_MAX_M = 50_000


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def position_problems(lat: float, lon: float) -> list[tuple[str, str]]:
    """(field, message) for a point outside the valid range (NaN is out of range too)."""
    problems = []
    if not -90.0 <= lat <= 90.0:
        problems.append(("lat", "latitude must be between -90 and 90"))
    if not -180.0 <= lon <= 180.0:
        problems.append(("lon", "longitude must be between -180 and 180"))
    return problems


def fence_problems(lat: float, lon: float, radius_m: int) -> list[tuple[str, str]]:
    problems = position_problems(lat, lon)
    if not RADIUS_MIN_M <= radius_m <= RADIUS_MAX_M:
        problems.append(("radiusM", f"radius must be between {RADIUS_MIN_M} and "
                                    f"{RADIUS_MAX_M:,} metres".replace(",", " ")))
    return problems


async def set_fence(uow: UnitOfWork, principal, pet_id: str, lat: float, lon: float,
                    radius_m: int) -> tuple[Geofence | None, list[Failure]]:
    """Create or replace the pet's fence: ``(fence, [])``. Out-of-range input: one
    ``BAD_USER_INPUT`` per bad field; no collar of the pet that the caller owns/shares (and
    not an admin): ``NOT_FOUND`` on ``petId``. Nothing is written on a failure."""
    failures = input_failures(fence_problems(lat, lon, radius_m))
    if failures:
        return None, failures
    pet = _canonical(pet_id)
    device = await repo.managed_device_of_pet(uow, principal, pet) if pet else None
    if device is None:
        return None, [NO_MANAGED_PET]
    return await repo.upsert_geofence(uow, Geofence(
        pet_id=device.pet_id, owner_id=device.owner_id, lat=lat, lon=lon, radius_m=radius_m,
        outside=False, updated_at=datetime.now(UTC))), []


NO_MANAGED_PET = Failure(ChronicCareErrorCode.NOT_FOUND,
                         "no pet with a collar that you may manage", field="petId")


def _canonical(pet_id: str) -> str | None:
    try:
        return str(uuid.UUID(pet_id))
    except ValueError:
        return None


def escape(distance: float) -> Finding:
    """The ESCAPE alert of an excursion starting ``distance`` metres from home."""
    return Finding("ESCAPE", round(distance, 1),
                   f"left the safe zone: {distance:.0f} m from home")


async def check(uow: UnitOfWork, pet_id, lat: float, lon: float) -> float | None:
    """Track the excursion state for one fix; the distance in metres when it starts an
    escape (outside now, inside before), else None. No fence: None."""
    fence = await repo.geofence_for_update(uow, pet_id)
    if fence is None:
        return None
    distance = distance_m(fence.lat, fence.lon, lat, lon)
    outside = distance > fence.radius_m
    if outside == fence.outside:
        return None
    await repo.set_geofence_outside(uow, pet_id, outside)
    return distance if outside else None
