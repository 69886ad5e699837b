"""appointments subgraph against real PostgreSQL."""

from datetime import UTC, datetime

from auth.principal import Principal

VISITS = """
query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Pet { id visits(last: 3) { id status startsAt clinic { name } vet { name } }
               nextAppointment { id startsAt } } } }
"""


def reps(pets):
    return [{"__typename": "Pet", "id": p.id} for p in pets]


async def test_owner_sees_last_visits_newest_first(subgraph_client, world):
    me = world.owners[0]
    pet = next(p for p in world.pets if p.owner_id == me.id)
    principal = Principal(user_id=me.id, roles=frozenset({"owner"}))
    async with subgraph_client("appointments") as client:
        result = await client.query(VISITS, {"reps": reps([pet])}, principal=principal)
    visits = result["data"]["_entities"][0]["visits"]
    now = datetime.now(UTC)
    expected = sorted((a for a in world.appointments if a.pet_id == pet.id and a.starts_at <= now),
                      key=lambda a: a.starts_at, reverse=True)[:3]
    assert [v["id"] for v in visits] == [a.id for a in expected]
    assert all(v["clinic"]["name"] and v["vet"]["name"] for v in visits)


async def test_other_owner_sees_no_visits(subgraph_client, world):
    pet = next(p for p in world.pets if p.owner_id == world.owners[0].id)
    stranger = Principal(user_id=world.owners[1].id, roles=frozenset({"owner"}))
    async with subgraph_client("appointments") as client:
        result = await client.query(VISITS, {"reps": reps([pet])}, principal=stranger)
    assert result["data"]["_entities"][0]["visits"] == []


async def test_visits_for_many_pets_cost_the_same_sql(subgraph_client, world):
    admin = Principal(user_id=world.accounts[-1].id, roles=frozenset({"admin"}))
    now = datetime.now(UTC)
    with_visits = sorted({a.pet_id for a in world.appointments if a.starts_at <= now})
    pets = [p for p in world.pets if p.id in set(with_visits)]
    costs = []
    async with subgraph_client("appointments") as client:
        for n in (1, 10, 100):
            before = client.app.state.sql.total
            result = await client.query(VISITS, {"reps": reps(pets[:n])}, principal=admin)
            assert len(result["data"]["_entities"]) == n and "errors" not in result
            costs.append(client.app.state.sql.total - before)
    assert costs[0] == costs[1] == costs[2]
