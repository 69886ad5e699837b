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


AROUND = """
query($reps: [_Any!]!, $last: Int!) { _entities(representations: $reps) {
  ... on Pet { id visits(last: $last) { id startsAt } nextAppointment { id startsAt status } } } }
"""
OPEN = {"requested", "confirmed", "checked_in", "in_progress", "en_route"}


def _ts(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def _stored(settings, pet_ids):
    import asyncpg

    from persistence.postgres import plain_url

    conn = await asyncpg.connect(plain_url(settings.postgres.url))
    try:
        return await conn.fetch("SELECT id::text, pet_id::text, starts_at, status "
                                "FROM appointments.appointment WHERE pet_id = ANY($1::uuid[])",
                                pet_ids)
    finally:
        await conn.close()


async def test_visits_and_next_appointment_match_the_stored_history(subgraph_client, settings,
                                                                    world):
    """For every pet with a history: the newest ``last`` started visits (ties by id) and the
    earliest upcoming open appointment, as computed from the stored rows."""
    admin = Principal(user_id=world.accounts[-1].id, roles=frozenset({"admin"}))
    busiest = sorted({a.pet_id for a in world.appointments},
                     key=lambda p: -sum(a.pet_id == p for a in world.appointments))[:150]
    async with subgraph_client("appointments") as client:
        for last in (0, 1, 3, 100):
            now = datetime.now(UTC)
            result = await client.query(AROUND, {"reps": [{"__typename": "Pet", "id": p}
                                                          for p in busiest], "last": last},
                                        principal=admin)
            assert "errors" not in result, result
            rows = await _stored(settings, busiest)
            for entity in result["data"]["_entities"]:
                # the loader took its own ``now`` a moment later: leave out what starts between
                mine = [r for r in rows if r["pet_id"] == entity["id"]
                        and abs((r["starts_at"] - now).total_seconds()) > 5]
                past = sorted((r for r in mine if r["starts_at"] <= now),
                              key=lambda r: (-r["starts_at"].timestamp(), r["id"]))[:last]
                upcoming = sorted((r for r in mine if r["starts_at"] > now and r["status"] in OPEN),
                                  key=lambda r: (r["starts_at"], r["id"]))
                assert [v["id"] for v in entity["visits"]
                        if abs((_ts(v["startsAt"]) - now).total_seconds()) > 5] == \
                    [r["id"] for r in past]
                expected_next = upcoming[0]["id"] if upcoming else None
                got_next = entity["nextAppointment"]
                if got_next is None or abs((_ts(got_next["startsAt"]) - now).total_seconds()) > 5:
                    assert (got_next or {}).get("id") == expected_next
    assert any(len([a for a in world.appointments if a.pet_id == p]) > 3 for p in busiest)


async def test_visits_read_only_the_rows_shown(settings, world):
    """A long history is not read to show three visits: at most ``last`` started visits and
    one upcoming appointment per pet come back from the database."""
    from auth.principal import Principal as P
    from persistence.postgres import create_engine
    from subgraphs.appointments.repository.appointments import visits_around
    from subgraphs.appointments.service.lifecycle import OPEN_STATUSES
    from subgraphs.shared.context import UnitOfWork

    pets = sorted({a.pet_id for a in world.appointments})
    engine, counter = create_engine(settings.postgres.url, pool_size=1)
    uow = UnitOfWork(engine)
    try:
        now = datetime.now(UTC)
        rows = await visits_around(uow, P(user_id=None, roles=frozenset({"admin"})), pets, 1, now,
                                   OPEN_STATUSES)
    finally:
        await uow.finish(commit=False)
        await engine.dispose()
    per_pet: dict[str, list] = {}
    for row in rows:
        per_pet.setdefault(str(row.pet_id), []).append(row)
    assert counter.total == 1
    assert all(sum(r.starts_at <= now for r in got) <= 1 and sum(r.starts_at > now for r in got) <= 1
               for got in per_pet.values())
    assert len(rows) < sum(1 for a in world.appointments)  # not the whole history
    assert all(r.__dict__["_clinic"] is not None and r.__dict__["_vet"] is not None for r in rows)
