"""INACTIVITY alerts against real PostgreSQL: from samples (telemetryIngest, the MQTT path's
service code) and from the sweep between samples. Samples are dated in 2031 so that neither
the wearable stats of other tests nor the running sweep (which judges at the real clock)
see them (the session widens the clock-skew bound for that), except in the test of the
bound itself, which uses a device no other test touches."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from auth.principal import Principal
from pawgraph.settings import WearableSettings
from subgraphs.chronic_care.models import ActivityState, Alert
from subgraphs.chronic_care.sweep import sweep_once

INGEST = """mutation($device: ID!, $at: DateTime!, $steps: Int!, $activity: Float!) {
  telemetryIngest(input: {deviceId: $device, heartRate: 80, temperatureC: 38.3, steps: $steps,
  activity: $activity, at: $at}) { alerts { kind value message }
  errors { code field message } } }"""
FENCE = """mutation($pet: ID!, $lon: Float!) { geofenceSet(input: {petId: $pet, lat: -33.87,
  lon: $lon, radiusM: 500}) { errors { code } } }"""
RULES = WearableSettings()


def _admin(world) -> Principal:
    account = next(a for a in world.accounts if "admin" in a.roles)
    return Principal(user_id=account.id, roles=frozenset({"admin"}))


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _hourly(first: str, count: int, step_minutes: int = 60) -> list[datetime]:
    return [_at(first) + timedelta(minutes=step_minutes * i) for i in range(count)]


async def _ingest(client, world, device, times, *, active=False):
    """Alerts raised per sample, as (time, [kinds and values])."""
    raised = []
    for at in times:
        result = await client.query(INGEST, {
            "device": device.id, "at": at.isoformat(), "steps": 12 if active else 0,
            "activity": 0.5 if active else 0.02}, principal=_admin(world))
        assert "errors" not in result, result
        assert result["data"]["telemetryIngest"]["errors"] == [], result
        alerts = result["data"]["telemetryIngest"]["alerts"]
        raised.extend((at, a["kind"], a["value"]) for a in alerts)
    return raised


async def test_six_still_daytime_hours_raise_one_inactivity_alert(subgraph_client, world):
    device = world.devices[-1]
    async with subgraph_client("chronic_care") as client:
        raised = await _ingest(client, world, device, _hourly("2031-05-01T08:00", 9))
    assert raised == [(_at("2031-05-01T14:00"), "INACTIVITY", 6.0)]  # once per stretch


async def test_night_hours_do_not_count_and_activity_ends_the_episode(subgraph_client, world):
    device = world.devices[-2]
    async with subgraph_client("chronic_care") as client:
        first = await _ingest(client, world, device, _hourly("2031-05-03T08:00", 7))
        moved = await _ingest(client, world, device, [_at("2031-05-03T15:00")], active=True)
        # 15:00-20:00 still (5 daytime h), the night, then 08:00-09:00 -> 6 h at 09:00.
        second = await _ingest(client, world, device, _hourly("2031-05-03T16:00", 18))
    assert [r[0] for r in first] == [_at("2031-05-03T14:00")]
    assert moved == []
    assert second == [(_at("2031-05-04T09:00"), "INACTIVITY", 6.0)]


async def test_a_silent_collar_restarts_the_stretch(subgraph_client, world):
    device = world.devices[-3]
    async with subgraph_client("chronic_care") as client:
        raised = await _ingest(client, world, device, [
            _at("2031-05-05T08:00"), _at("2031-05-05T09:30"),  # 90 min without a sample
            *_hourly("2031-05-05T10:30", 6)])
    assert raised == [(_at("2031-05-05T15:30"), "INACTIVITY", 6.0)]  # counted from 09:30


async def test_home_longitude_sets_the_pets_daytime(subgraph_client, world):
    device = world.devices[-4]
    owner = Principal(user_id=next(p.owner_id for p in world.pets if p.id == device.pet_id),
                      roles=frozenset({"owner"}), scopes=frozenset({"pets:write"}))
    async with subgraph_client("chronic_care") as client:
        fenced = await client.query(FENCE, {"pet": device.pet_id, "lon": 151.21},
                                    principal=owner)
        assert fenced["data"]["geofenceSet"]["errors"] == []
        # 22:00-04:00 UTC is 08:00-14:00 at the home's solar time (UTC+10).
        raised = await _ingest(client, world, device, _hourly("2031-05-06T22:00", 7))
    assert raised == [(_at("2031-05-07T04:00"), "INACTIVITY", 6.0)]


async def test_sweep_raises_inactivity_between_samples_once(subgraph_client, world):
    device = world.devices[-5]
    async with subgraph_client("chronic_care") as client:
        raised = await _ingest(client, world, device,
                               [*_hourly("2031-05-08T08:00", 6), _at("2031-05-08T13:30")])
        engine = client.app.state.engine
        early = await sweep_once(engine, RULES, now=_at("2031-05-08T13:50"))
        due = await sweep_once(engine, RULES, now=_at("2031-05-08T14:10"))
        again = await sweep_once(engine, RULES, now=_at("2031-05-08T14:20"))
        later = await _ingest(client, world, device, [_at("2031-05-08T14:30")])
        async with engine.connect() as conn:
            stored = (await conn.execute(select(Alert.kind, Alert.value, Alert.raised_at).where(
                Alert.pet_id == device.pet_id))).all()
    assert raised == [] and later == []
    assert (early[1], due[1], again[1]) == (0, 1, 0)
    assert [(k, round(v, 1), t) for k, v, t in stored] == [
        ("INACTIVITY", 6.2, _at("2031-05-08T14:10"))]


async def test_sweep_leaves_a_silent_collar_alone(subgraph_client, world):
    device = world.devices[-6]
    async with subgraph_client("chronic_care") as client:
        await _ingest(client, world, device, _hourly("2031-05-09T08:00", 3))
        engine = client.app.state.engine
        swept = await sweep_once(engine, RULES, now=_at("2031-05-09T14:30"))  # silent 4.5 h
        async with engine.connect() as conn:
            state = (await conn.execute(select(ActivityState).where(
                ActivityState.pet_id == device.pet_id))).one()
    assert swept[1] == 0
    assert state.due_at is None and state.alerted is False


async def test_the_process_runs_the_sweep_and_a_tick_completes(subgraph_client):
    async with subgraph_client("chronic_care") as client:
        sweep = client.app.state.inactivity_sweep
        running = sweep._task is not None and not sweep._task.done()
        await sweep.tick()
    assert running
    assert sweep.stats["ticks"] == 1 and sweep.stats["failures"] == 0


async def test_a_sample_from_a_collar_clock_far_ahead_is_refused_and_stores_nothing(
        subgraph_client, settings, world):
    """With the default bound (10 min), a sample stamped tomorrow is BAD_USER_INPUT on ``at``
    and changes nothing; one a few minutes ahead (clock drift) is stored."""
    device = world.devices[-7]  # no other test's samples
    defaults = settings.model_copy(update={"wearables": WearableSettings()})
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    async with subgraph_client("chronic_care", defaults) as client:
        engine = client.app.state.engine
        refused = await client.query(INGEST, {"device": device.id, "at": tomorrow.isoformat(),
                                              "steps": 0, "activity": 0.0},
                                     principal=_admin(world))
        async with engine.connect() as conn:
            stored = (await conn.execute(select(ActivityState).where(
                ActivityState.pet_id == device.pet_id))).all()
            latest = max((s.last_sample_at for s in stored if s.last_sample_at), default=None)
        drift = datetime.now(UTC) + timedelta(minutes=3)
        accepted = await _ingest(client, world, device, [drift])
    assert "errors" not in refused, refused
    errors = refused["data"]["telemetryIngest"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("BAD_USER_INPUT", "at")], refused
    assert "ahead of the server clock" in errors[0]["message"]
    assert latest is None or latest < tomorrow - timedelta(hours=1)  # state not moved ahead
    assert accepted == []  # stored, nothing to alert about
