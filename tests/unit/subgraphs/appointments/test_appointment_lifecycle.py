"""The booking state machine and who may move an appointment along."""

import uuid

import pytest

from auth.principal import Principal
from subgraphs.appointments.service.lifecycle import Booking, Status, allowed, can_move

OWNER, VET, CLINIC = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
BOOKING = Booking(owner_id=OWNER, clinic_id=CLINIC, vet_account_id=VET, kind="CLINIC",
                  status=Status.CONFIRMED)


@pytest.mark.parametrize(("current", "to"), [
    ("requested", "confirmed"), ("confirmed", "checked_in"), ("checked_in", "in_progress"),
    ("in_progress", "completed"), ("requested", "cancelled"), ("confirmed", "no_show"),
])
def test_forward_transitions_are_allowed(current, to):
    assert can_move(Status(current), Status(to), "CLINIC")


@pytest.mark.parametrize(("current", "to"), [
    ("completed", "in_progress"), ("cancelled", "confirmed"), ("requested", "completed"),
    ("in_progress", "cancelled"), ("no_show", "checked_in"), ("checked_in", "confirmed"),
])
def test_backward_or_skipping_transitions_are_refused(current, to):
    assert not can_move(Status(current), Status(to), "CLINIC")


def test_en_route_only_for_home_visits():
    assert can_move(Status.CONFIRMED, Status.EN_ROUTE, "HOME_VISIT")
    assert not can_move(Status.CONFIRMED, Status.EN_ROUTE, "CLINIC")


def test_owner_may_cancel_but_not_complete():
    owner = Principal(user_id=OWNER, roles=frozenset({"owner"}))
    assert allowed(owner, BOOKING, Status.CANCELLED)
    assert not allowed(owner, BOOKING, Status.CHECKED_IN)


def test_other_owner_may_not_cancel():
    other = Principal(user_id=str(uuid.uuid4()), roles=frozenset({"owner"}))
    assert not allowed(other, BOOKING, Status.CANCELLED)


def test_assigned_vet_and_own_clinic_admin_may_move_it_along():
    vet = Principal(user_id=VET, roles=frozenset({"vet"}), clinic_id=CLINIC)
    admin_of_clinic = Principal(user_id=str(uuid.uuid4()), roles=frozenset({"clinic_admin"}),
                                clinic_id=CLINIC)
    assert allowed(vet, BOOKING, Status.CHECKED_IN)
    assert allowed(admin_of_clinic, BOOKING, Status.NO_SHOW)


def test_other_vet_and_other_clinic_admin_are_refused():
    vet = Principal(user_id=str(uuid.uuid4()), roles=frozenset({"vet"}), clinic_id=CLINIC)
    other_admin = Principal(user_id=str(uuid.uuid4()), roles=frozenset({"clinic_admin"}),
                            clinic_id=str(uuid.uuid4()))
    assert not allowed(vet, BOOKING, Status.CHECKED_IN)
    assert not allowed(other_admin, BOOKING, Status.CHECKED_IN)
