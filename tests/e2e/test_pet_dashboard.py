"""The headline operations of the Vue app, through the router, for owner@demo.test."""

from pawgraph.clientops import load_client
from tests.support.platform import account

VUE = load_client("vue")


async def test_pet_dashboard_returns_pet_with_records_visits_and_wearable_stats(
        router, world, issue_token):
    owner = account(world, "owner@demo.test")
    device_pets = {d.pet_id for d in world.devices}
    pet = next(p for p in world.pets if p.owner_id == owner.id and p.id in device_pets)
    response = await router.post({"query": VUE["PetDashboard"].document,
                                  "variables": {"id": pet.id}}, token=issue_token(owner))
    body = response.json()
    assert "errors" not in body, body.get("errors")
    data = body["data"]["pet"]
    assert data["name"] == pet.name and data["owner"]["email"] == "owner@demo.test"
    assert len(data["medicalRecord"]["vaccinations"]) == len(pet.vaccinations)
    assert data["visits"] and all(v["clinic"]["name"] for v in data["visits"])
    assert data["wearableStats"]["samples"] > 0
    assert data["wearableStats"]["avgHeartRate"] is not None


async def test_my_pets_returns_every_pet_of_the_owner(router, world, issue_token):
    owner = account(world, "owner@demo.test")
    response = await router.post({"query": VUE["MyPets"].document}, token=issue_token(owner))
    body = response.json()
    assert "errors" not in body, body.get("errors")
    names = sorted(p["name"] for p in body["data"]["myPets"])
    assert names == sorted(p.name for p in world.pets if p.owner_id == owner.id)


async def test_dashboard_of_someone_elses_pet_is_null(router, world, issue_token):
    owner2 = account(world, "owner2@demo.test")
    foreign = next(p for p in world.pets if p.owner_id == account(world, "owner@demo.test").id)
    response = await router.post({"query": VUE["PetDashboard"].document,
                                  "variables": {"id": foreign.id}}, token=issue_token(owner2))
    assert response.json()["data"]["pet"] is None


async def test_request_with_forged_token_is_unauthenticated(router):
    response = await router.post({"query": "{ myPets { id } }"}, token="not.a.jwt")
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


FEEDING = """query Feeding {
  myPets { id species neutered weightKg birthDate
           feedingGuide { restingKcal dailyKcal factor lifeStage } }
}"""


async def test_feeding_guide_is_computed_in_commerce_from_profile_fields(
        router, platform, world, issue_token):
    """``Pet.feedingGuide`` @requires species/neutered/weightKg/birthDate: the router fetches
    them from profiles and hands them to commerce in the representations."""
    from datetime import UTC, date, datetime

    from subgraphs.commerce.service.feeding import feeding_energy

    owner = account(world, "breeder@demo.test")
    before = {name: t.request_count for name, t in platform.transports.items()}
    response = await router.post({"query": FEEDING}, token=issue_token(owner))
    after = {name: t.request_count for name, t in platform.transports.items()}
    body = response.json()
    assert "errors" not in body, body.get("errors")
    pets = body["data"]["myPets"]
    assert len(pets) == 10
    for pet in pets:
        born = date.fromisoformat(pet["birthDate"]) if pet["birthDate"] else None
        energy = feeding_energy(pet["species"], pet["weightKg"], born, pet["neutered"],
                                datetime.now(UTC).date())
        expected = None if energy is None else {
            "restingKcal": energy.resting_kcal, "dailyKcal": energy.daily_kcal,
            "factor": energy.factor, "lifeStage": energy.life_stage}
        assert pet["feedingGuide"] == expected, pet
    assert any(p["feedingGuide"] for p in pets)
    # one profiles fetch, then one commerce _entities fetch for all ten pets
    calls = {name: after[name] - before[name] for name in after if after[name] != before[name]}
    assert calls == {"profiles": 1, "commerce": 1}


async def test_feeding_guide_alone_still_fetches_the_required_fields(router, world, issue_token):
    owner = account(world, "breeder@demo.test")
    response = await router.post({"query": "{ myPets { feedingGuide { dailyKcal } } }"},
                                 token=issue_token(owner))
    body = response.json()
    assert "errors" not in body, body.get("errors")
    assert any(p["feedingGuide"] for p in body["data"]["myPets"])


async def test_feeding_guide_through_an_order_fetches_profiles_in_between(
        router, world, issue_token):
    """commerce (order) -> profiles (the pet's fields) -> commerce (feedingGuide)."""
    owner = account(world, "breeder@demo.test")
    token = issue_token(owner)
    query = "{ myOrders(first: 50) { pet { id feedingGuide { dailyKcal lifeStage } } } }"
    body = (await router.post({"query": query}, token=token)).json()
    assert "errors" not in body, body.get("errors")
    through_orders = {o["pet"]["id"]: o["pet"]["feedingGuide"] for o in body["data"]["myOrders"]
                      if o["pet"]}
    assert through_orders and any(through_orders.values())
    direct = (await router.post({"query": "{ myPets { id feedingGuide { dailyKcal lifeStage } } }"},
                                token=token)).json()["data"]["myPets"]
    by_id = {p["id"]: p["feedingGuide"] for p in direct}
    assert all(by_id[pet_id] == guide for pet_id, guide in through_orders.items())
