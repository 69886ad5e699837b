"""Role x operation matrix through the router: every caller x every operation in
``client-queries/``, sent the way clients send them (persisted document ids), with the
expected outcome per cell (vocabulary: ``tests.support.auth_matrix.outcome``).

Callers: anonymous, an expired token, the pet's owner, another owner, the demo vet (whose
clinic saw the pet), the clinic admin of that clinic, the partner client of that clinic
(trusted documents only: everything outside ``partners/`` is REFUSED), an admin. Targets:
a pet with a completed visit at the vet's clinic, that visit (so every transition mutation
is a no-op INVALID_TRANSITION once authorised), that clinic.
"""

from __future__ import annotations

import pytest

from pawgraph.clientops import load_all
from tests.support import auth_matrix as cases
from tests.support.persisted import document_ids

pytestmark = pytest.mark.e2e

U, F, R, D = "UNAUTHENTICATED", "FORBIDDEN", "REFUSED", "DENIED"
J, H, P, O = "REJECTED", "HIDDEN", "PARTIAL", "OK"  # noqa: E741 - one-letter cells keep the matrix a table

#   operation                          anon expired owner other vet  clinic_admin partner admin
EXPECTED = {
    "admin/AdminSignIn":             (J, U, J, J, J, J, R, J),
    "admin/AdminMyAccount":          (U, U, O, O, O, O, R, O),
    "admin/AdminPet":                (U, U, O, H, P, P, R, O),
    "admin/AdminAppointment":        (U, U, O, H, P, O, R, O),
    "admin/AdminClinics":            (O, U, O, O, O, O, R, O),
    "flutter/PetAlerts":             (U, U, O, O, H, H, R, H),
    "flutter/PetConsultations":      (U, U, O, H, O, O, R, O),
    "flutter/MyPets":                (U, U, O, O, H, H, R, H),
    "flutter/PetDashboard":          (U, U, O, H, P, P, R, O),
    "flutter/Products":              (O, U, O, O, O, O, R, O),
    "flutter/PetFoodSuggestions":    (U, U, O, H, O, P, R, O),
    "flutter/MyOrders":              (U, U, O, O, F, F, R, H),
    "flutter/MyPayments":            (U, U, O, O, F, H, R, H),
    "flutter/MyAppointments":        (U, U, O, O, H, H, R, H),
    "flutter/VisitDetail":           (U, U, O, H, P, O, R, O),
    "flutter/CancelVisit":           (U, U, J, D, J, J, R, J),
    "flutter/Clinics":               (O, U, O, O, O, O, R, O),
    "flutter/VisitSlots":            (O, U, O, O, O, O, R, O),
    "flutter/BookVisit":             (U, U, J, D, F, F, R, J),
    "flutter/RescheduleVisit":       (U, U, J, D, J, J, R, J),
    "flutter/AddPet":                (U, U, J, J, F, F, R, D),
    "flutter/EditPet":               (U, U, J, D, F, F, R, J),
    "flutter/RecordWeight":          (U, U, J, D, F, F, R, J),
    "partners/PartnerPatientRecord": (U, U, O, H, O, P, O, O),
    "partners/PartnerAppointment":   (U, U, O, H, O, O, O, O),
    "partners/PartnerClinic":        (O, U, O, O, O, O, O, O),
    "partners/PartnerAvailability":  (O, U, O, O, O, O, O, O),
    "vue/MyPets":                    (U, U, O, O, H, H, R, H),
    "vue/PatientChart":              (U, U, O, H, O, P, R, O),
    "vue/PetDashboard":              (U, U, O, H, P, P, R, O),
    "vue/VisitWorkflow":             (U, U, O, H, O, O, R, O),
    "vue/VisitCheckIn":              (U, U, D, D, J, J, R, J),
    "vue/VisitStart":                (U, U, D, D, J, J, R, J),
    "vue/VisitComplete":             (U, U, D, D, J, J, R, J),
    "vue/DaySchedule":               (U, U, O, O, H, H, R, H),
}

OPERATIONS = load_all()


def test_every_client_operation_has_a_matrix_row():
    missing = {f"{op.client}/{op.name}" for op in OPERATIONS} - set(EXPECTED)
    assert not missing, f"add rows to EXPECTED for {sorted(missing)}"


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: f"{op.client}/{op.name}")
async def test_operation_outcome_per_caller(router, world, settings, issue_token, operation):
    key = f"{operation.client}/{operation.name}"
    if key not in EXPECTED:
        pytest.fail(f"no matrix row for {key}")
    targets = cases.targets(world)
    document_id = document_ids()[(operation.client, operation.name)]
    got = {}
    for caller in cases.CALLERS:
        token = cases.token_for(caller, world, settings, issue_token, targets)
        response = await router.post({"documentId": document_id,
                                      "operationName": operation.name,
                                      "variables": cases.variables(operation, targets)}, token)
        got[caller] = cases.outcome(response.status_code, response.json())
    assert got == dict(zip(cases.CALLERS, EXPECTED[key]))


def _ids(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" or key.endswith("Id"):
                yield f"{path}.{key}", item
            else:
                yield from _ids(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _ids(item, path)


async def test_every_id_an_admin_reads_is_a_canonical_uuid(router, world, settings, issue_token):
    import uuid

    targets = cases.targets(world)
    token = cases.token_for("admin", world, settings, issue_token, targets)
    seen = 0
    for operation in OPERATIONS:
        if operation.document.lstrip().startswith("mutation") or "mutation " in operation.document:
            continue
        body = (await router.post({"query": operation.document, "operationName": operation.name,
                                   "variables": cases.variables(operation, targets)},
                                  token)).json()
        for path, value in _ids(body.get("data")):
            if value is not None:
                assert str(uuid.UUID(value)) == value, (operation.name, path, value)
                seen += 1
    assert seen > 50
