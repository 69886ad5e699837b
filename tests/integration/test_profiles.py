"""profiles subgraph against real MongoDB (embedded nx-27017 or PAWGRAPH_MONGO__URL)."""

from auth.principal import Principal

MY_PETS = """
query { myPets { id name species microchip { kind value } weightKg
  medicalRecord { vaccinations { name dueOn overdue } allergies { allergen severity } }
  owner { email } } }
"""
ENTITIES = """
query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Pet { id name } } }
"""


def owner(world, index=0):
    return Principal(user_id=world.owners[index].id, roles=frozenset({"owner"}))


async def test_owner_lists_own_pets_with_medical_record(subgraph_client, world):
    async with subgraph_client("profiles") as client:
        result = await client.query(MY_PETS, principal=owner(world))
    pets = result["data"]["myPets"]
    expected = sorted(p.name for p in world.pets if p.owner_id == world.owners[0].id)
    assert sorted(p["name"] for p in pets) == expected
    assert all(p["owner"]["email"] == "owner@demo.test" for p in pets)
    assert any(p["medicalRecord"]["vaccinations"] for p in pets)


async def test_other_owner_cannot_resolve_foreign_pet(subgraph_client, world):
    pet = next(p for p in world.pets if p.owner_id == world.owners[0].id)
    reps = [{"__typename": "Pet", "id": pet.id}]
    async with subgraph_client("profiles") as client:
        result = await client.query(ENTITIES, {"reps": reps}, principal=owner(world, 1))
    assert result["data"]["_entities"] == [None]


async def test_entities_for_many_pets_cost_one_mongo_query(subgraph_client, world):
    admin = Principal(user_id=world.accounts[-1].id, roles=frozenset({"admin"}))
    costs = []
    async with subgraph_client("profiles") as client:
        for n in (1, 20):
            reps = [{"__typename": "Pet", "id": p.id} for p in world.pets[:n]]
            before = client.app.state.mongo_commands.total
            result = await client.query(ENTITIES, {"reps": reps}, principal=admin)
            assert [e["id"] for e in result["data"]["_entities"]] == [p.id for p in world.pets[:n]]
            costs.append(client.app.state.mongo_commands.total - before)
    assert costs == [1, 1]


async def test_request_without_router_identity_is_refused(subgraph_client):
    async with subgraph_client("profiles") as client:
        response = await client.post(b'{"query":"{ _service { sdl } }"}',
                                     {"content-type": "application/json"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
