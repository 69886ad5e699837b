"""``Pet.foodSuggestions`` through the router: commerce filters its food range by the pet's
species and allergies, which the router fetches from profiles (``@requires`` with a nested
field set) with the caller's own rights."""

from __future__ import annotations

from tests.support.food import expected_suggestions
from tests.support.platform import account

SUGGESTIONS = """query FoodForMyPets {
  myPets { id name species medicalRecord { allergies { allergen } }
           foodSuggestions(first: 20) { id name allergens forSpecies } }
}"""


def _calls(platform, before):
    after = {name: t.request_count for name, t in platform.transports.items()}
    return {name: after[name] - before[name] for name in after if after[name] != before[name]}


async def test_each_pet_gets_food_for_its_species_without_its_allergens(
        router, platform, world, issue_token):
    owner = account(world, "shelter@demo.test")  # 100 pets, allergic ones among them
    pets = {p.id: p for p in world.pets if p.owner_id == owner.id}
    assert any(p.allergies for p in pets.values())
    before = {name: t.request_count for name, t in platform.transports.items()}
    body = (await router.post({"query": SUGGESTIONS}, token=issue_token(owner))).json()
    assert "errors" not in body, body.get("errors")
    got = body["data"]["myPets"]
    assert len(got) == len(pets) == 100
    for pet in got:
        known = pets[pet["id"]]
        names = [s["name"] for s in pet["foodSuggestions"]]
        assert names == expected_suggestions(world, known, 20), known.name
        avoid = {a["allergen"] for a in pet["medicalRecord"]["allergies"]}
        assert all(not avoid & set(s["allergens"] or ()) for s in pet["foodSuggestions"])
    assert any(p["foodSuggestions"] for p in got)
    # one profiles fetch (pets, species, allergies), one commerce _entities fetch for 100 pets
    assert _calls(platform, before) == {"profiles": 1, "commerce": 1}


async def test_suggestions_alone_still_fetch_species_and_allergies(router, world, issue_token):
    owner = account(world, "breeder@demo.test")
    body = (await router.post({"query": "{ myPets { foodSuggestions { name allergens } } }"},
                              token=issue_token(owner))).json()
    assert "errors" not in body, body.get("errors")
    assert any(p["foodSuggestions"] for p in body["data"]["myPets"])


async def test_a_caller_who_may_not_read_medical_records_gets_no_suggestions(
        router, world, issue_token):
    """A clinic admin sees its patients but not their allergies: suggestions would reveal
    them, so the field is refused like the record itself."""
    clinic_admin = account(world, "clinic@demo.test")
    patient = next(a.pet_id for a in world.appointments if a.clinic_id == clinic_admin.clinic_id)
    query = "query($id: ID!) { pet(id: $id) { id foodSuggestions { name } } }"
    body = (await router.post({"query": query, "variables": {"id": patient}},
                              token=issue_token(clinic_admin))).json()
    assert body["data"]["pet"] == {"id": patient, "foodSuggestions": None}
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}
