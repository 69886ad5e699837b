"""Writes the demo world's devices, their telemetry (~504,000 rows) and care plans.

Telemetry is generated per device and copied a few devices at a time, so memory stays at
one chunk of rows instead of the whole week of every collar.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence

from pawgraph.demo import World
from pawgraph.demo import model as m
from pawgraph.demo.activity import telemetry
from pawgraph.demo.seed.common import copy_rows, postgres_url
from pawgraph.settings import Settings

SCHEMA = "chronic_care"
DEVICES_PER_COPY = 5
TELEMETRY_COLUMNS = ["device_id", "pet_id", "owner_id", "ts", "heart_rate", "temperature_c",
                     "steps", "activity"]


def _telemetry_rows(world: World, devices: Sequence[m.Device],
                    owners: dict[str, str]) -> Iterator[tuple]:
    for device in devices:
        ids = (uuid.UUID(device.id), uuid.UUID(device.pet_id), uuid.UUID(owners[device.pet_id]))
        for sample in telemetry(device, world.anchor):
            yield ids + sample


async def seed(world: World, settings: Settings) -> dict[str, int]:
    url = postgres_url(settings)
    owners = {p.id: p.owner_id for p in world.pets}
    counts = {}
    counts["device"] = await copy_rows(
        url, SCHEMA, "device", ["id", "pet_id", "owner_id", "serial", "model", "bound_at"],
        [(d.id, d.pet_id, owners[d.pet_id], d.serial, d.model, d.bound_at)
         for d in world.devices])
    counts["telemetry"] = 0
    for start in range(0, len(world.devices), DEVICES_PER_COPY):
        chunk = world.devices[start:start + DEVICES_PER_COPY]
        counts["telemetry"] += await copy_rows(url, SCHEMA, "telemetry", TELEMETRY_COLUMNS,
                                               _telemetry_rows(world, chunk, owners))
    counts["care_plan"] = await copy_rows(
        url, SCHEMA, "care_plan",
        ["id", "pet_id", "owner_id", "condition", "title", "status", "started_on"],
        [(c.id, c.pet_id, owners[c.pet_id], c.condition, c.title, c.status, c.started_on)
         for c in world.care_plans])
    return counts
