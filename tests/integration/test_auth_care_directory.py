"""The clinic -> patients directory (auth.access): staff see their clinic's patients in
other subgraphs; without Redis they see none (fail closed)."""

from __future__ import annotations

import pytest

from auth.access import CareDirectory
from auth.principal import Principal
from pawgraph.settings import RedisSettings

pytestmark = pytest.mark.integration

PET = "query($id: ID!) { pet(id: $id) { id name } }"


def _vet(world) -> Principal:
    vet = next(a for a in world.accounts if a.email == "vet@demo.test")
    return Principal(user_id=vet.id, roles=frozenset(vet.roles), clinic_id=vet.clinic_id)


def _patient(world, clinic_id: str) -> str:
    return min(a.pet_id for a in world.appointments if a.clinic_id == clinic_id)


async def test_staff_scope_holds_exactly_the_clinics_patients(settings, world):
    vet = _vet(world)
    directory = CareDirectory.from_settings(settings)
    try:
        scoped = await directory.scope(vet)
    finally:
        await directory.aclose()
    assert scoped.care_pet_ids == {a.pet_id for a in world.appointments
                                   if a.clinic_id == vet.clinic_id}


async def test_owner_scope_is_untouched(settings, world):
    owner = Principal(user_id=world.owners[0].id, roles=frozenset({"owner"}))
    directory = CareDirectory(None, "x:")
    assert (await directory.scope(owner)).care_pet_ids == frozenset()


async def test_vet_sees_patient_through_the_profiles_subgraph(subgraph_client, world):
    vet = _vet(world)
    async with subgraph_client("profiles") as client:
        body = await client.query(PET, {"id": _patient(world, vet.clinic_id)}, principal=vet)
    assert body["data"]["pet"] is not None


async def test_without_redis_staff_see_no_patients(settings, world, identity_signer):
    from subgraphs.registry import create_app
    from tests.support.subgraph_client import SubgraphClient

    down = settings.model_copy(update={"redis": RedisSettings(url="redis://127.0.0.1:1/0",
                                                              key_prefix="x:")})
    vet = _vet(world)
    app = create_app("profiles", down)
    async with app.router.lifespan_context(app):
        client = SubgraphClient("profiles", app, identity_signer)
        body = await client.query(PET, {"id": _patient(world, vet.clinic_id)}, principal=vet)
    assert body["data"]["pet"] is None
