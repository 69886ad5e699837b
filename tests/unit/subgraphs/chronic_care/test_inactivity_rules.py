"""Inactivity rules (pure): what counts as activity, local solar time, daytime hours and the
instant a still stretch becomes an alert."""

from datetime import UTC, datetime, timedelta

import pytest

from subgraphs.chronic_care.service.inactivity import daytime_hours, due_time, is_active, local_offset


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(("steps", "activity", "active"), [
    (0, 0.0, False), (0, 0.09, False), (0, 0.1, True), (1, 0.0, True), (40, 0.8, True)])
def test_a_sample_is_active_with_steps_or_some_activity(steps, activity, active):
    assert is_active(steps, activity) is active


@pytest.mark.parametrize(("longitude", "hours"), [
    (None, 0), (0.0, 0), (11.58, 1), (-73.9, -5), (151.2, 10), (179.9, 12), (-179.9, -12)])
def test_local_offset_is_solar_time_of_the_home_longitude(longitude, hours):
    assert local_offset(longitude) == timedelta(hours=hours)


def test_daytime_hours_count_only_eight_to_eight_local():
    utc = timedelta(0)
    assert daytime_hours(_at("2031-05-01T08:00"), _at("2031-05-01T14:00"), utc) == 6
    assert daytime_hours(_at("2031-05-01T18:00"), _at("2031-05-02T09:30"), utc) == 3.5
    assert daytime_hours(_at("2031-05-01T21:00"), _at("2031-05-02T07:59"), utc) == 0


def test_daytime_hours_follow_the_local_offset():
    # 22:00-04:00 UTC is 08:00-14:00 at UTC+10 (Sydney's longitude): all daytime there.
    assert daytime_hours(_at("2031-05-01T22:00"), _at("2031-05-02T04:00"),
                         timedelta(hours=10)) == 6
    assert daytime_hours(_at("2031-05-01T22:00"), _at("2031-05-02T04:00"), timedelta(0)) == 0


@pytest.mark.parametrize(("start", "offset", "due"), [
    ("2031-05-01T08:00", 0, "2031-05-01T14:00"),   # a still morning
    ("2031-05-01T05:00", 0, "2031-05-01T14:00"),   # the night before 08:00 does not count
    ("2031-05-01T17:00", 0, "2031-05-02T11:00"),   # 3 h today, 3 h tomorrow morning
    ("2031-05-01T22:00", 10, "2031-05-02T04:00"),  # 08:00 local at UTC+10
    ("2031-05-01T12:00", -5, "2031-05-01T19:00"),  # 07:00 local at UTC-5 -> 08:00..14:00
])
def test_due_time_is_when_six_daytime_hours_are_reached(start, offset, due):
    assert due_time(_at(start), timedelta(hours=offset), 6) == _at(due)


def test_due_time_and_daytime_hours_agree():
    start, offset = _at("2031-05-01T16:37"), timedelta(hours=-7)
    for hours in (0.5, 6, 11.5, 24):
        assert daytime_hours(start, due_time(start, offset, hours), offset) == pytest.approx(hours)
