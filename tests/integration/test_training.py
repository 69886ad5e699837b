"""training subgraph against real PostgreSQL: training plans on pets."""

from auth.principal import Principal
from subgraphs.training.service.progress import progress_percent

PET_PLANS = """
query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Pet { id trainingPlans { id kind title status startedOn sessionsPerWeek
                                  completedSessions targetSessions progressPercent
                                  pet { id } } } } }
"""

PLAN = "query($id: ID!) { trainingPlan(id: $id) { id title progressPercent pet { id } } }"


def reps(pet_ids):
    return [{"__typename": "Pet", "id": pet_id} for pet_id in pet_ids]


def owner_of(world, pet_id) -> Principal:
    owner_id = next(p.owner_id for p in world.pets if p.id == pet_id)
    return Principal(user_id=owner_id, roles=frozenset({"owner"}))


def admin(world) -> Principal:
    account = next(a for a in world.accounts if "admin" in a.roles)
    return Principal(user_id=account.id, roles=frozenset({"admin"}))


async def test_owner_sees_their_pets_training_plans(subgraph_client, world):
    plan = world.training_plans[0]
    async with subgraph_client("training") as client:
        result = await client.query(PET_PLANS, {"reps": reps([plan.pet_id])},
                                    principal=owner_of(world, plan.pet_id))
    plans = result["data"]["_entities"][0]["trainingPlans"]
    expected = [t for t in world.training_plans if t.pet_id == plan.pet_id]
    assert {p["id"] for p in plans} == {t.id for t in expected}
    got = next(p for p in plans if p["id"] == plan.id)
    assert (got["kind"], got["title"], got["status"], got["startedOn"]) == (
        plan.kind, plan.title, plan.status, plan.started_on.isoformat())
    assert (got["sessionsPerWeek"], got["completedSessions"], got["targetSessions"]) == (
        plan.sessions_per_week, plan.completed_sessions, plan.target_sessions)
    assert got["pet"] == {"id": plan.pet_id}


async def test_progress_percent_is_completed_over_target(subgraph_client, world):
    plan = next(t for t in world.training_plans if 0 < t.completed_sessions < t.target_sessions)
    async with subgraph_client("training") as client:
        result = await client.query(PLAN, {"id": plan.id}, principal=owner_of(world, plan.pet_id))
    expected = round(100 * plan.completed_sessions / plan.target_sessions, 1)
    assert result["data"]["trainingPlan"]["progressPercent"] == expected


def test_progress_percent_caps_at_one_hundred():
    assert progress_percent(30, 24) == 100.0
    assert progress_percent(0, 12) == 0.0


async def test_other_owner_gets_no_training_plans(subgraph_client, world):
    plan = world.training_plans[0]
    owner_id = next(p.owner_id for p in world.pets if p.id == plan.pet_id)
    other = next(o for o in world.owners if o.id != owner_id)
    async with subgraph_client("training") as client:
        listed = await client.query(PET_PLANS, {"reps": reps([plan.pet_id])},
                                    principal=Principal(user_id=other.id,
                                                        roles=frozenset({"owner"})))
        single = await client.query(PLAN, {"id": plan.id},
                                    principal=Principal(user_id=other.id,
                                                        roles=frozenset({"owner"})))
    assert listed["data"]["_entities"][0]["trainingPlans"] == []
    assert single["data"]["trainingPlan"] is None


async def test_anonymous_training_plan_query_is_unauthenticated(subgraph_client, world):
    async with subgraph_client("training") as client:
        result = await client.query(PLAN, {"id": world.training_plans[0].id})
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_training_plan_entity_resolves_through_entities(subgraph_client, world):
    plan = world.training_plans[0]
    query = ("query($reps: [_Any!]!) { _entities(representations: $reps) {"
             " ... on TrainingPlan { id title } } }")
    async with subgraph_client("training") as client:
        result = await client.query(query, {"reps": [{"__typename": "TrainingPlan",
                                                      "id": plan.id}]},
                                    principal=owner_of(world, plan.pet_id))
    assert result["data"]["_entities"] == [{"id": plan.id, "title": plan.title}]


async def test_training_plans_for_1_or_20_pets_cost_the_same_sql(subgraph_client, world):
    pet_ids = list(dict.fromkeys(t.pet_id for t in world.training_plans))[:20]
    costs = []
    async with subgraph_client("training") as client:
        for n in (1, 20):
            before = client.app.state.sql.total
            result = await client.query(PET_PLANS, {"reps": reps(pet_ids[:n])},
                                        principal=admin(world))
            assert "errors" not in result, result
            assert all(p["trainingPlans"] for p in result["data"]["_entities"])
            costs.append(client.app.state.sql.total - before)
    assert costs == [1, 1]
