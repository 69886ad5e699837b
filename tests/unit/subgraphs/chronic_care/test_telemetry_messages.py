"""MQTT telemetry messages -> samples (pure): topic scheme, payload checks, geofence rules."""

import math

import orjson
import pytest

from subgraphs.chronic_care.ingest import Invalid, parse
from subgraphs.chronic_care.service.geofence import distance_m, fence_problems

PREFIX = "pawgraph/wearables"
DEVICE = "0b6a4c9e-3c1f-4a55-9d7e-2f1e8a9b7c10"
TOPIC = f"{PREFIX}/{DEVICE}/telemetry"


def _body(**fields) -> bytes:
    return orjson.dumps({"heartRate": 90, "temperatureC": 38.5, **fields})


def test_full_message_becomes_a_sample():
    sample = parse(TOPIC, _body(steps=12, activity=0.4, lat=48.1374, lon=11.5755,
                                at="2026-12-02T05:14:00Z"), PREFIX)
    assert (sample.device_id, sample.heart_rate, sample.temperature_c) == (DEVICE, 90, 38.5)
    assert (sample.steps, sample.activity, sample.lat, sample.lon) == (12, 0.4, 48.1374, 11.5755)
    assert sample.at.isoformat() == "2026-12-02T05:14:00+00:00"


def test_minimal_message_defaults_steps_activity_and_has_no_fix():
    sample = parse(TOPIC, _body(), PREFIX)
    assert (sample.steps, sample.activity, sample.lat, sample.lon, sample.at) == (0, 0.0, None,
                                                                                  None, None)


@pytest.mark.parametrize("topic", [
    f"{PREFIX}/not-a-uuid/telemetry", f"{PREFIX}/{DEVICE}/status", f"other/{DEVICE}/telemetry",
    f"{PREFIX}/{DEVICE}/telemetry/extra"])
def test_topics_outside_the_scheme_are_invalid(topic):
    with pytest.raises(Invalid):
        parse(topic, _body(), PREFIX)


@pytest.mark.parametrize("payload", [
    b"not json", b"[1, 2]", orjson.dumps({"temperatureC": 38.5}),
    orjson.dumps({"heartRate": None, "temperatureC": 38.5}), _body(heartRate="90"),
    _body(heartRate=True), _body(heartRate=90.5), _body(heartRate=401), _body(temperatureC=60),
    _body(steps=-1), _body(steps=40_000), _body(activity=1.5), _body(lat=48.1),
    _body(lat=91, lon=0), _body(lat=0, lon=-181), _body(at="yesterday"),
    _body(at="2026-12-02T05:14:00"), b'{"heartRate": 90, "temperatureC": NaN}'])
def test_bad_payloads_are_invalid(payload):
    with pytest.raises(Invalid):
        parse(TOPIC, payload, PREFIX)


def test_distance_is_the_great_circle_distance():
    assert distance_m(0, 0, 0, 0) == 0
    assert math.isclose(distance_m(0, 0, 0, 1), 111_195, rel_tol=1e-3)  # 1 degree at the equator
    assert math.isclose(distance_m(48.0, 11.0, 48.009, 11.0), 1_000, rel_tol=1e-2)


@pytest.mark.parametrize(("lat", "lon", "radius", "fields"), [
    (91, 0, 100, ["lat"]), (-90.5, 0, 100, ["lat"]), (0, 180.1, 100, ["lon"]),
    (0, 0, 19, ["radiusM"]), (0, 0, 50_001, ["radiusM"]), (95, -200, 5, ["lat", "lon", "radiusM"]),
    (float("nan"), 0, 100, ["lat"])])
def test_fence_out_of_range_names_each_bad_field(lat, lon, radius, fields):
    assert [f for f, _m in fence_problems(lat, lon, radius)] == fields


@pytest.mark.parametrize(("lat", "lon", "radius"), [(90, 180, 20), (-90, -180, 50_000), (0, 0, 100)])
def test_fence_bounds_are_inclusive(lat, lon, radius):
    assert fence_problems(lat, lon, radius) == []


def test_a_sample_stamped_ahead_of_the_server_clock_is_invalid():
    """A collar with a wrong clock must not hold its pet's activity state in the future."""
    from datetime import UTC, datetime, timedelta

    from pawgraph.settings import WearableSettings

    soon = datetime.now(UTC) + timedelta(minutes=5)
    later = datetime.now(UTC) + timedelta(minutes=30)
    assert parse(TOPIC, _body(at=soon.isoformat()), PREFIX).at == soon  # within the skew
    with pytest.raises(Invalid, match="more than 10 min ahead of the server clock"):
        parse(TOPIC, _body(at=later.isoformat()), PREFIX)
    with pytest.raises(Invalid, match="more than 10 min ahead"):
        parse(TOPIC, _body(at="2099-01-01T00:00:00Z"), PREFIX)
    wide = WearableSettings(max_clock_skew_minutes=60)
    assert parse(TOPIC, _body(at=later.isoformat()), PREFIX, wide).at == later
    past = datetime(2020, 1, 1, tzinfo=UTC)
    assert parse(TOPIC, _body(at=past.isoformat()), PREFIX).at == past  # late is fine
