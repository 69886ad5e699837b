"""Registering pets through the router with the owner app's persisted operations: the new
pet is in ``myPets`` at once, appointments knows it (profiles' ``pets`` stream) so the owner
books it right away; a taken microchip is a CONFLICT and registers nothing."""

from datetime import timedelta

import pytest

from tests.support.persisted import run_persisted

pytestmark = pytest.mark.e2e

ADD = {"name": "Biscuit", "species": "DOG", "breed": "Beagle", "sex": "MALE",
       "birthDate": "2024-03-01", "weightKg": 11.4}


def _account(world, email):
    return next(a for a in world.accounts if a.email == email)


async def _run(router, name: str, variables: dict, token: str, client: str = "flutter"):
    return await run_persisted(router, client, name, variables, token)


def _tuesday(world, weeks: int) -> str:
    base = world.anchor.date() + timedelta(days=70 + 7 * weeks)
    return str(base + timedelta(days=(1 - base.weekday()) % 7))


async def test_registered_pet_is_listed_and_bookable_at_once(router, world, issue_token):
    token = issue_token(_account(world, "owner2@demo.test"))
    added = (await _run(router, "AddPet", {"input": {**ADD, "microchip": "276 0981 0600 0017"}},
                        token))["petRegister"]
    pet = added["pet"]
    listed = (await _run(router, "MyPets", {}, token))["myPets"]
    clinic, day = world.clinics[15], _tuesday(world, 9)
    slots = (await _run(router, "VisitSlots", {"clinicId": clinic.id, "startDate": day,
                                               "endDate": day}, token))["availability"]
    booked = (await _run(router, "BookVisit", {"input": {
        "petId": pet["id"], "vetId": slots[0]["vet"]["id"], "startsAt": slots[0]["startsAt"],
        "reason": "first check-up"}}, token))["appointmentBook"]
    assert added["errors"] == []
    assert pet["microchip"] == {"kind": "ISO_11784", "value": "276098106000017"}
    assert pet["weightKg"] == 11.4 and pet["nextAppointment"] is None
    assert pet["id"] in {p["id"] for p in listed}
    assert booked["errors"] == [], booked
    assert booked["appointment"]["pet"] == {"id": pet["id"], "name": "Biscuit"}


async def test_taken_microchip_is_a_conflict_and_registers_nothing(router, world, issue_token):
    owner = _account(world, "owner@demo.test")
    taken = next(p.microchip[1] for p in world.pets if p.microchip)
    token = issue_token(owner)
    before = len((await _run(router, "MyPets", {}, token))["myPets"])
    refused = (await _run(router, "AddPet", {"input": {**ADD, "microchip": taken}},
                          token))["petRegister"]
    after = len((await _run(router, "MyPets", {}, token))["myPets"])
    assert refused["pet"] is None
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("CONFLICT", "microchip")]
    assert after == before


async def test_owner_edits_and_weighs_a_registered_pet(router, world, issue_token):
    token = issue_token(_account(world, "owner2@demo.test"))
    pet = (await _run(router, "AddPet", {"input": {"name": "Mochi", "species": "CAT"}},
                      token))["petRegister"]["pet"]
    edited = (await _run(router, "EditPet", {"input": {"petId": pet["id"], "neutered": True,
                                                       "microchip": "AVID12345"}},
                         token))["petUpdate"]
    weighed = (await _run(router, "RecordWeight", {"input": {"petId": pet["id"], "kg": 4.2}},
                          token))["petWeightRecord"]
    assert edited["errors"] == [] and edited["pet"]["neutered"] is True
    assert edited["pet"]["name"] == "Mochi"  # not sent: unchanged
    assert edited["pet"]["microchip"] == {"kind": "LEGACY", "value": "AVID12345"}
    assert weighed["errors"] == [] and weighed["pet"]["weightKg"] == 4.2
    assert len(weighed["pet"]["weightHistory"]) == 1
