"""Availability and booking rules over vets' weekly shifts, and who may book or reschedule."""

import uuid
from datetime import UTC, date, datetime, time

from auth.principal import Principal
from subgraphs.appointments.service.lifecycle import Booking, Status, may_book, may_reschedule, status_after_reschedule
from subgraphs.appointments.service.schedule import Shift, check_booking, free_windows, slots, vets_for_service

MONDAY = date(2027, 3, 1)
VET = "v1"
SHIFTS = [Shift(VET, 0, time(8), time(12), ("CLINIC",)),
          Shift(VET, 0, time(13), time(18), ("CLINIC", "HOME_VISIT"))]
NOW = datetime(2027, 2, 1, tzinfo=UTC)


def at(hour, minute=0, day=MONDAY):
    return datetime.combine(day, time(hour, minute), UTC)


def test_booked_visits_are_cut_out_of_the_shift():
    windows = free_windows(MONDAY, SHIFTS, [(VET, at(9), at(9, 30)), ("other", at(8), at(18))])
    assert [(w.starts_at, w.ends_at) for w in windows] == [
        (at(8), at(9)), (at(9, 30), at(12)), (at(13), at(18))]


def test_no_shift_that_weekday_means_no_windows():
    assert free_windows(date(2027, 3, 7), SHIFTS, []) == []  # a Sunday


def test_slots_are_on_the_grid_and_fit_the_window():
    windows = free_windows(MONDAY, SHIFTS, [(VET, at(8, 10), at(8, 40))])
    found = slots(windows, 45, not_before=at(8, 1), kind="CLINIC")
    assert [s.starts_at for s in found][:3] == [at(8, 45), at(9), at(9, 15)]
    assert found[-1].ends_at == at(18) and all(s.ends_at <= at(12) or s.starts_at >= at(13)
                                               for s in found)


def test_slots_of_a_kind_come_only_from_shifts_offering_it():
    found = slots(free_windows(MONDAY, SHIFTS, []), 30, not_before=NOW, kind="HOME_VISIT")
    assert found[0].starts_at == at(13)


def test_a_booking_must_fit_a_shift_offering_the_kind():
    services = ["home visits"]
    assert check_booking(SHIFTS, services, "CLINIC", at(11, 30), 30, NOW) is None
    assert check_booking(SHIFTS, services, "CLINIC", at(11, 45), 30, NOW).field == "startsAt"
    assert check_booking(SHIFTS, services, "HOME_VISIT", at(9), 30, NOW).field == "kind"
    assert check_booking(SHIFTS, services, "VIDEO", at(14), 30, NOW).field == "kind"
    assert check_booking(SHIFTS, services, "CLINIC", at(9, 5), 30, NOW).field == "startsAt"
    assert check_booking(SHIFTS, services, "CLINIC", at(9), 25, NOW).field == "durationMinutes"
    assert check_booking(SHIFTS, services, "CLINIC", at(9), 30, at(10)).field == "startsAt"


def test_services_with_a_speciality_need_a_vet_who_has_it():
    vets = [("a", ["surgery"]), ("b", ["dermatology"])]
    assert vets_for_service("surgery", ["surgery", "lab"], vets) == {"a"}
    assert vets_for_service("lab", ["surgery", "lab"], vets) == {"a", "b"}
    assert vets_for_service("dental", ["surgery"], vets) == set()
    assert vets_for_service(None, [], vets) is None


OWNER, PET = str(uuid.uuid4()), str(uuid.uuid4())


def owner(user_id=OWNER, granted=frozenset()):
    return Principal(user_id=user_id, roles=frozenset({"owner"}), granted_pet_ids=granted)


def test_owner_grantee_and_admin_may_book_strangers_may_not():
    assert may_book(owner(), PET, OWNER)
    assert may_book(owner(str(uuid.uuid4()), frozenset({PET})), PET, OWNER)
    assert may_book(Principal(user_id="x", roles=frozenset({"admin"})), PET, OWNER)
    assert not may_book(owner(str(uuid.uuid4())), PET, OWNER)
    assert not may_book(Principal(user_id=OWNER, roles=frozenset({"vet"})), PET, OWNER)


def test_owner_reschedules_need_confirming_again_staff_ones_do_not():
    booking = Booking(owner_id=OWNER, clinic_id="c", vet_account_id="vet", kind="CLINIC",
                      status=Status.CONFIRMED, pet_id=PET)
    staff = Principal(user_id="desk", roles=frozenset({"clinic_admin"}), clinic_id="c")
    assert may_reschedule(owner(), booking) and may_reschedule(staff, booking)
    assert not may_reschedule(owner(str(uuid.uuid4())), booking)
    assert status_after_reschedule(owner(), booking) is Status.REQUESTED
    assert status_after_reschedule(staff, booking) is Status.CONFIRMED


def test_a_visit_across_midnight_utc_touches_both_days_cached_availability():
    from datetime import UTC, date, datetime

    from subgraphs.appointments.service.effects import days_touched

    late = datetime(2027, 3, 1, 23, 30, tzinfo=UTC)
    assert days_touched("c", late, datetime(2027, 3, 2, 0, 30, tzinfo=UTC)) == {
        ("c", date(2027, 3, 1)), ("c", date(2027, 3, 2))}
    assert days_touched("c", late, datetime(2027, 3, 2, 0, 0, tzinfo=UTC)) == {
        ("c", date(2027, 3, 1))}  # ends exactly at midnight: the next day is untouched
