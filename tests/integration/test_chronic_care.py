"""chronic_care subgraph against real PostgreSQL: wearable stats, devices, care plans."""

import uuid
from datetime import datetime, timedelta

import asyncpg
import pytest

from auth.principal import Principal
from persistence.postgres import plain_url

STATS_FIELDS = ("window from to samples avgHeartRate minHeartRate maxHeartRate "
                "avgTemperatureC maxTemperatureC totalSteps activeMinutes")

PET_STATS = """
query($reps: [_Any!]!, $window: StatsWindow!) { _entities(representations: $reps) {
  ... on Pet { id wearableStats(window: $window) { %s } } } }
""" % STATS_FIELDS

PET_DASHBOARD = """
query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Pet { id
    week: wearableStats { samples avgHeartRate activeMinutes }
    day: wearableStats(window: LAST_24_HOURS) { samples maxTemperatureC }
    devices { id serial model boundAt pet { id } }
    carePlans { id condition title status startedOn } } } }
"""

DEVICE = "query($id: ID!) { device(id: $id) { id serial model pet { id } } }"

DIRECT_AGGREGATE = """
SELECT count(*) AS samples, avg(heart_rate) AS avg_hr, min(heart_rate) AS min_hr,
       max(heart_rate) AS max_hr, avg(temperature_c) AS avg_temp,
       max(temperature_c) AS max_temp, coalesce(sum(steps), 0) AS steps,
       count(*) FILTER (WHERE activity >= 0.3) AS active
FROM chronic_care.telemetry WHERE pet_id = $1 AND ts >= $2 AND ts < $3
"""


def reps(pet_ids):
    return [{"__typename": "Pet", "id": pet_id} for pet_id in pet_ids]


def owner_of(world, pet_id) -> Principal:
    owner_id = next(p.owner_id for p in world.pets if p.id == pet_id)
    return Principal(user_id=owner_id, roles=frozenset({"owner"}))


def admin(world) -> Principal:
    account = next(a for a in world.accounts if "admin" in a.roles)
    return Principal(user_id=account.id, roles=frozenset({"admin"}))


def stranger_to(world, pet_id) -> Principal:
    owner_id = next(p.owner_id for p in world.pets if p.id == pet_id)
    other = next(o for o in world.owners if o.id != owner_id)
    return Principal(user_id=other.id, roles=frozenset({"owner"}))


async def fetch_stats(client, pet_id, principal, window="LAST_7_DAYS"):
    result = await client.query(PET_STATS, {"reps": reps([pet_id]), "window": window},
                                principal=principal)
    assert "errors" not in result, result
    return result["data"]["_entities"][0]["wearableStats"]


async def test_owner_sees_wearable_stats_of_their_pet(subgraph_client, world):
    device = world.devices[0]
    async with subgraph_client("chronic_care") as client:
        stats = await fetch_stats(client, device.pet_id, owner_of(world, device.pet_id))
    assert stats["window"] == "LAST_7_DAYS"
    assert stats["samples"] > 0
    assert stats["minHeartRate"] <= stats["avgHeartRate"] <= stats["maxHeartRate"]
    assert stats["avgTemperatureC"] <= stats["maxTemperatureC"]
    until, since = (datetime.fromisoformat(stats[k]) for k in ("to", "from"))
    assert until - since == timedelta(days=7)


@pytest.mark.parametrize("window", ["LAST_24_HOURS", "LAST_7_DAYS", "LAST_30_DAYS"])
async def test_wearable_stats_match_a_direct_sql_aggregate(subgraph_client, settings, world,
                                                          window):
    device = world.devices[1]
    async with subgraph_client("chronic_care") as client:
        stats = await fetch_stats(client, device.pet_id, owner_of(world, device.pet_id), window)
    since, until = (datetime.fromisoformat(stats[k]) for k in ("from", "to"))
    conn = await asyncpg.connect(plain_url(settings.postgres.url))
    try:
        row = await conn.fetchrow(DIRECT_AGGREGATE, uuid.UUID(device.pet_id), since, until)
    finally:
        await conn.close()
    assert row["samples"] > 0
    assert stats["samples"] == row["samples"]
    assert stats["avgHeartRate"] == pytest.approx(float(row["avg_hr"]), abs=0.05)
    assert (stats["minHeartRate"], stats["maxHeartRate"]) == (row["min_hr"], row["max_hr"])
    assert stats["avgTemperatureC"] == pytest.approx(row["avg_temp"], abs=0.005)
    assert stats["maxTemperatureC"] == pytest.approx(row["max_temp"], abs=0.005)
    assert stats["totalSteps"] == row["steps"]
    assert stats["activeMinutes"] == row["active"]


async def test_thirty_day_window_holds_the_whole_seeded_week(subgraph_client, world):
    device = world.devices[2]
    async with subgraph_client("chronic_care") as client:
        stats = await fetch_stats(client, device.pet_id, owner_of(world, device.pet_id),
                                  "LAST_30_DAYS")
    assert stats["samples"] == 7 * 24 * 60


async def test_other_owner_gets_no_stats_devices_or_care_plans(subgraph_client, world):
    pets_with_data = {world.care_plans[0].pet_id, world.devices[0].pet_id}
    async with subgraph_client("chronic_care") as client:
        for pet_id in sorted(pets_with_data):
            result = await client.query(PET_DASHBOARD, {"reps": reps([pet_id])},
                                        principal=stranger_to(world, pet_id))
            pet = result["data"]["_entities"][0]
            assert (pet["week"], pet["day"], pet["devices"], pet["carePlans"]) == (
                None, None, [], [])


async def test_anonymous_caller_gets_no_stats(subgraph_client, world):
    device = world.devices[0]
    async with subgraph_client("chronic_care") as client:
        stats = await fetch_stats(client, device.pet_id, Principal())
    assert stats is None


async def test_pet_without_a_device_has_null_stats(subgraph_client, world):
    bound = {d.pet_id for d in world.devices}
    pet = next(p for p in world.pets if p.id not in bound)
    async with subgraph_client("chronic_care") as client:
        stats = await fetch_stats(client, pet.id, owner_of(world, pet.id))
    assert stats is None


async def test_device_without_samples_reports_zero_samples_and_null_averages(
        subgraph_client, settings, world):
    owner = world.owners[-1]
    pet_id, device_id = uuid.uuid4(), uuid.uuid4()
    conn = await asyncpg.connect(plain_url(settings.postgres.url))
    await conn.execute(
        "INSERT INTO chronic_care.device (id, pet_id, owner_id, serial, model, bound_at)"
        " VALUES ($1, $2, $3, $4, 'PawTrack S', now())",
        device_id, pet_id, uuid.UUID(owner.id), f"TEST-{device_id.hex[:8]}")
    try:
        async with subgraph_client("chronic_care") as client:
            stats = await fetch_stats(client, str(pet_id),
                                      Principal(user_id=owner.id, roles=frozenset({"owner"})))
    finally:
        await conn.execute("DELETE FROM chronic_care.device WHERE id = $1", device_id)
        await conn.close()
    assert (stats["samples"], stats["totalSteps"], stats["activeMinutes"]) == (0, 0, 0)
    assert stats["avgHeartRate"] is stats["minHeartRate"] is stats["maxTemperatureC"] is None


async def test_seeded_devices_and_care_plans_are_present(subgraph_client, world):
    plan = world.care_plans[0]
    device_ids = {d.id for d in world.devices if d.pet_id == plan.pet_id}
    async with subgraph_client("chronic_care") as client:
        result = await client.query(PET_DASHBOARD, {"reps": reps([plan.pet_id])},
                                    principal=owner_of(world, plan.pet_id))
    pet = result["data"]["_entities"][0]
    expected = [c for c in world.care_plans if c.pet_id == plan.pet_id]
    assert {c["id"] for c in pet["carePlans"]} == {c.id for c in expected}
    assert pet["carePlans"][0]["title"] and pet["carePlans"][0]["status"] == "ACTIVE"
    assert {d["id"] for d in pet["devices"]} == device_ids


async def test_owner_reads_their_device_with_its_pet(subgraph_client, world):
    device = world.devices[0]
    async with subgraph_client("chronic_care") as client:
        result = await client.query(DEVICE, {"id": device.id},
                                    principal=owner_of(world, device.pet_id))
    assert result["data"]["device"] == {"id": device.id, "serial": device.serial,
                                        "model": device.model, "pet": {"id": device.pet_id}}


async def test_anonymous_device_query_is_unauthenticated(subgraph_client, world):
    async with subgraph_client("chronic_care") as client:
        result = await client.query(DEVICE, {"id": world.devices[0].id})
    assert result["data"]["device"] is None
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_pet_dashboard_for_1_or_20_pets_costs_the_same_sql(subgraph_client, world):
    pet_ids = [d.pet_id for d in world.devices][:20]
    costs = []
    async with subgraph_client("chronic_care") as client:
        for n in (1, 20):
            before = client.app.state.sql.total
            result = await client.query(PET_DASHBOARD, {"reps": reps(pet_ids[:n])},
                                        principal=admin(world))
            assert "errors" not in result, result
            pets = result["data"]["_entities"]
            assert len(pets) == n and all(p["week"]["samples"] > 0 for p in pets)
            costs.append(client.app.state.sql.total - before)
    assert costs == [4, 4]  # one per stats window (2), devices, care plans
