"""Booking through the router with the clients' persisted operations: the owner books a slot
from ``VisitSlots`` (flutter), the slot disappears, the same time again is a CONFLICT, the
owner reschedules; the partner reads its clinic's availability by document id only."""

from datetime import UTC, datetime, time, timedelta

import pytest

from tests.support.persisted import run_persisted

pytestmark = pytest.mark.e2e


def _account(world, email):
    return next(a for a in world.accounts if a.email == email)


def _day(world, weeks: int) -> str:
    """A Tuesday after every seeded visit and the integration tests' days."""
    base = world.anchor.date() + timedelta(days=70 + 7 * weeks)
    return str(base + timedelta(days=(1 - base.weekday()) % 7))


_run = run_persisted


async def test_owner_books_reschedules_and_the_slot_list_follows(router, world, issue_token):
    owner = _account(world, "owner@demo.test")
    pet = next(p for p in world.pets if p.owner_id == owner.id)
    # not the demo vet's clinic: a booking makes the pet that clinic's patient
    clinic, token = world.clinics[16], issue_token(owner)
    day = _day(world, 6)
    ask = {"clinicId": clinic.id, "startDate": day, "endDate": day}
    slots = (await _run(router, "flutter", "VisitSlots", ask, token))["availability"]
    slot = slots[0]
    book = {"input": {"petId": pet.id, "vetId": slot["vet"]["id"], "startsAt": slot["startsAt"],
                      "reason": "vaccination"}}
    booked = (await _run(router, "flutter", "BookVisit", book, token))["appointmentBook"]
    again = (await _run(router, "flutter", "BookVisit", book, token))["appointmentBook"]
    after = (await _run(router, "flutter", "VisitSlots", ask, token))["availability"]
    later = datetime.combine(datetime.fromisoformat(day).date(), time(16), UTC).isoformat()
    moved = (await _run(router, "flutter", "RescheduleVisit", {"input": {
        "appointmentId": booked["appointment"]["id"], "startsAt": later}}, token))
    assert booked["errors"] == [] and booked["appointment"]["status"] == "REQUESTED"
    assert booked["appointment"]["pet"] == {"id": pet.id, "name": pet.name}
    assert [e["code"] for e in again["errors"]] == ["CONFLICT"]
    assert (slot["startsAt"], slot["vet"]["id"]) not in {(s["startsAt"], s["vet"]["id"])
                                                         for s in after}
    history = moved["appointmentReschedule"]["appointment"]["statusHistory"]
    assert history[-1]["rescheduledTo"] == later


async def test_partner_reads_its_clinics_availability_by_document_id(router, world,
                                                                     issue_token):
    partner = _account(world, "partner@demo.test")
    day = _day(world, 7)
    data = await _run(router, "partners", "PartnerAvailability",
                      {"clinicId": partner.clinic_id, "startDate": day, "endDate": day},
                      issue_token(partner))
    clinic_vets = {v.id for v in world.vets if v.clinic_id == partner.clinic_id}
    assert data["availability"] and {s["vet"]["id"] for s in data["availability"]} == clinic_vets
