"""Object-level rules across subgraphs: a vet sees pets with a visit at their clinic (and
nothing else), a clinic admin sees them without medical data, admins see everything."""

from __future__ import annotations

import pytest

from tests.support.platform import account

pytestmark = pytest.mark.e2e

PET = """
query($id: ID!) {
  pet(id: $id) { id name medicalRecord { allergies { allergen } } carePlans { id }
                 trainingPlans { id } consultations(last: 50) { id } }
}"""


def _patient_and_stranger(world, clinic_id: str):
    seen = {a.pet_id for a in world.appointments if a.clinic_id == clinic_id}
    with_plans = {p.pet_id for p in getattr(world, "care_plans", [])}
    patients = sorted(seen, key=lambda p: (p not in with_plans, p))
    stranger = next(p.id for p in world.pets if p.id not in seen)
    return patients[0], stranger


async def _pet(router, token, pet_id):
    return (await router.post({"query": PET, "variables": {"id": pet_id}}, token)).json()


async def test_vet_sees_a_patient_of_their_clinic_with_clinical_data(router, world, issue_token):
    vet = account(world, "vet@demo.test")
    patient, _ = _patient_and_stranger(world, vet.clinic_id)
    body = await _pet(router, issue_token(vet), patient)
    assert "errors" not in body, body
    assert body["data"]["pet"]["id"] == patient
    assert body["data"]["pet"]["medicalRecord"] is not None


async def test_vet_sees_nothing_of_a_pet_never_at_their_clinic(router, world, issue_token):
    vet = account(world, "vet@demo.test")
    _, stranger = _patient_and_stranger(world, vet.clinic_id)
    body = await _pet(router, issue_token(vet), stranger)
    assert body["data"]["pet"] is None


async def test_vet_entities_of_a_stranger_pet_return_no_clinical_rows(router, world, issue_token):
    vet = account(world, "vet@demo.test")
    owner = account(world, "owner@demo.test")
    stranger = next(p.id for p in world.pets if p.owner_id == owner.id and not any(
        a.pet_id == p.id and a.clinic_id == vet.clinic_id for a in world.appointments))
    admin = await _pet(router, issue_token(account(world, "admin@demo.test")), stranger)
    assert admin["data"]["pet"]["id"] == stranger
    assert (await _pet(router, issue_token(vet), stranger))["data"]["pet"] is None


async def test_clinic_admin_sees_the_patient_but_not_its_medical_record(router, world,
                                                                         issue_token):
    clinic_admin = account(world, "clinic@demo.test")
    patient, _ = _patient_and_stranger(world, clinic_admin.clinic_id)
    body = await _pet(router, issue_token(clinic_admin), patient)
    assert body["data"]["pet"]["id"] == patient
    assert body["data"]["pet"]["medicalRecord"] is None
    assert body["data"]["pet"]["carePlans"] == []  # clinical rows: vets and partners only
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}
