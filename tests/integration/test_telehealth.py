"""telehealth subgraph against real PostgreSQL: consultations and the Pet extension."""

from collections import Counter

from auth.principal import Principal
from subgraphs.telehealth.service.rooms import room_name

CONSULTATIONS = """
query($reps: [_Any!]!, $last: Int!) { _entities(representations: $reps) {
  ... on Pet { id consultations(last: $last) {
    id status scheduledAt topic roomName pet { id } vet { id } } } } }
"""
CONSULTATION = """
query($id: ID!) { consultation(id: $id) { id status topic roomName } }
"""


def reps(pets):
    return [{"__typename": "Pet", "id": p.id} for p in pets]


def owner(account_id):
    return Principal(user_id=account_id, roles=frozenset({"owner"}))


def busiest_pet(world):
    """The pet with the most consultations (deterministic demo world)."""
    pet_id, _ = Counter(c.pet_id for c in world.consultations).most_common(1)[0]
    return next(p for p in world.pets if p.id == pet_id)


async def test_owner_sees_newest_consultations_first(subgraph_client, world):
    pet = busiest_pet(world)
    async with subgraph_client("telehealth") as client:
        result = await client.query(CONSULTATIONS, {"reps": reps([pet]), "last": 3},
                                    principal=owner(pet.owner_id))
    got = result["data"]["_entities"][0]["consultations"]
    expected = sorted((c for c in world.consultations if c.pet_id == pet.id),
                      key=lambda c: c.scheduled_at, reverse=True)[:3]
    assert [c["id"] for c in got] == [c.id for c in expected]
    assert [c["status"] for c in got] == [c.status for c in expected]
    assert [c["vet"]["id"] for c in got] == [c.vet_id for c in expected]
    assert all(c["pet"]["id"] == pet.id for c in got)


async def test_room_name_is_derived_from_the_consultation_id(subgraph_client, world):
    pet = busiest_pet(world)
    async with subgraph_client("telehealth") as client:
        result = await client.query(CONSULTATIONS, {"reps": reps([pet]), "last": 5},
                                    principal=owner(pet.owner_id))
    got = result["data"]["_entities"][0]["consultations"]
    rooms = [c["roomName"] for c in got]
    assert rooms == [room_name(c["id"]) for c in got]
    assert len(set(rooms)) == len(rooms)
    assert all(c["id"].replace("-", "") not in r for c, r in zip(got, rooms))


async def test_other_owner_sees_no_consultations(subgraph_client, world):
    pet = busiest_pet(world)
    stranger = next(o for o in world.owners if o.id != pet.owner_id)
    async with subgraph_client("telehealth") as client:
        listed = await client.query(CONSULTATIONS, {"reps": reps([pet]), "last": 5},
                                    principal=owner(stranger.id))
        consultation = next(c for c in world.consultations if c.pet_id == pet.id)
        single = await client.query(CONSULTATION, {"id": consultation.id},
                                    principal=owner(stranger.id))
    assert listed["data"]["_entities"][0]["consultations"] == []
    assert single["data"]["consultation"] is None


async def test_owner_reads_one_consultation_by_id(subgraph_client, world):
    consultation = world.consultations[0]
    async with subgraph_client("telehealth") as client:
        result = await client.query(CONSULTATION, {"id": consultation.id},
                                    principal=owner(consultation.owner_id))
    assert result["data"]["consultation"] == {
        "id": consultation.id, "status": consultation.status, "topic": consultation.topic,
        "roomName": room_name(consultation.id)}


async def test_anonymous_consultation_read_is_unauthenticated(subgraph_client, world):
    async with subgraph_client("telehealth") as client:
        result = await client.query(CONSULTATION, {"id": world.consultations[0].id})
    assert result["data"]["consultation"] is None
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_consultations_for_1_or_20_pets_cost_the_same_sql(subgraph_client, world):
    admin = Principal(user_id=world.accounts[-1].id, roles=frozenset({"admin"}))
    with_consultations = {c.pet_id for c in world.consultations}
    pets = [p for p in world.pets if p.id in with_consultations]
    costs = []
    async with subgraph_client("telehealth") as client:
        for n in (1, 20):
            before = client.app.state.sql.total
            result = await client.query(CONSULTATIONS, {"reps": reps(pets[:n]), "last": 5},
                                        principal=admin)
            assert "errors" not in result
            assert all(e["consultations"] for e in result["data"]["_entities"])
            costs.append(client.app.state.sql.total - before)
    assert costs[0] == costs[1] == 1
