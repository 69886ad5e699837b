"""commerce subgraph against real PostgreSQL: catalogue, orders, totals, the Pet extension."""

from collections import Counter

from auth.principal import Principal
from tests.support.food import expected_suggestions

ORDERS = """
query($reps: [_Any!]!, $last: Int!) { _entities(representations: $reps) {
  ... on Pet { id orders(last: $last) {
    id status createdAt pet { id }
    items { quantity unitPrice { amountCents currency } lineTotal { amountCents currency }
            product { id sku name } }
    total { amountCents currency } } } } }
"""
PRODUCTS = """
query($category: ProductCategory, $first: Int!) {
  products(category: $category, first: $first) {
    id sku name category prescriptionOnly price { amountCents currency } } }
"""
MY_ORDERS = "query($first: Int!) { myOrders(first: $first) { id createdAt total { amountCents } } }"
ORDER = "query($id: ID!) { order(id: $id) { id total { amountCents currency } } }"


def reps(pets):
    return [{"__typename": "Pet", "id": p.id} for p in pets]


def owner(account_id):
    return Principal(user_id=account_id, roles=frozenset({"owner"}))


def pet_with_most_orders(world):
    pet_id, _ = Counter(o.pet_id for o in world.orders).most_common(1)[0]
    return next(p for p in world.pets if p.id == pet_id)


async def test_anyone_can_browse_products_of_a_category(subgraph_client, world):
    async with subgraph_client("commerce") as client:
        result = await client.query(PRODUCTS, {"category": "MEDICINE", "first": 50})
    got = result["data"]["products"]
    expected = sorted((p for p in world.products if p.category == "MEDICINE"),
                      key=lambda p: p.name)
    assert [p["sku"] for p in got] == [p.sku for p in expected]
    assert [p["price"] for p in got] == [{"amountCents": p.price_cents, "currency": "EUR"}
                                         for p in expected]
    assert [p["prescriptionOnly"] for p in got] == [p.prescription_only for p in expected]


async def test_owner_sees_pet_orders_newest_first(subgraph_client, world):
    pet = pet_with_most_orders(world)
    async with subgraph_client("commerce") as client:
        result = await client.query(ORDERS, {"reps": reps([pet]), "last": 3},
                                    principal=owner(pet.owner_id))
    got = result["data"]["_entities"][0]["orders"]
    expected = sorted((o for o in world.orders if o.pet_id == pet.id),
                      key=lambda o: o.created_at, reverse=True)[:3]
    assert [o["id"] for o in got] == [o.id for o in expected]
    assert [o["status"] for o in got] == [o.status for o in expected]
    assert all(o["pet"]["id"] == pet.id for o in got)


async def test_order_total_is_the_sum_of_its_lines_computed_server_side(subgraph_client, world):
    pet = pet_with_most_orders(world)
    async with subgraph_client("commerce") as client:
        result = await client.query(ORDERS, {"reps": reps([pet]), "last": 5},
                                    principal=owner(pet.owner_id))
    by_id = {o.id: o for o in world.orders}
    for order in result["data"]["_entities"][0]["orders"]:
        stored = by_id[order["id"]]
        lines = order["items"]
        assert [(i["product"]["id"], i["quantity"], i["unitPrice"]["amountCents"])
                for i in lines] == stored.items
        assert all(i["lineTotal"]["amountCents"] == i["quantity"] * i["unitPrice"]["amountCents"]
                   for i in lines)
        assert order["total"] == {"amountCents": stored.total_cents, "currency": "EUR"}
        assert order["total"]["amountCents"] == sum(i["lineTotal"]["amountCents"] for i in lines)


async def test_other_owner_sees_no_orders(subgraph_client, world):
    pet = pet_with_most_orders(world)
    stranger = next(o for o in world.owners if o.id != pet.owner_id)
    order = next(o for o in world.orders if o.pet_id == pet.id)
    async with subgraph_client("commerce") as client:
        listed = await client.query(ORDERS, {"reps": reps([pet]), "last": 5},
                                    principal=owner(stranger.id))
        single = await client.query(ORDER, {"id": order.id}, principal=owner(stranger.id))
        entity = await client.query(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }",
            {"r": [{"__typename": "Order", "id": order.id}]}, principal=owner(stranger.id))
    assert listed["data"]["_entities"][0]["orders"] == []
    assert single["data"]["order"] is None
    assert entity["data"]["_entities"] == [None]


async def test_my_orders_lists_only_the_callers_orders_newest_first(subgraph_client, world):
    me = world.owners[0]
    async with subgraph_client("commerce") as client:
        result = await client.query(MY_ORDERS, {"first": 100}, principal=owner(me.id))
    expected = sorted((o for o in world.orders if o.owner_id == me.id),
                      key=lambda o: o.created_at, reverse=True)
    assert [o["id"] for o in result["data"]["myOrders"]] == [o.id for o in expected]
    assert [o["total"]["amountCents"] for o in result["data"]["myOrders"]] == [
        o.total_cents for o in expected]


async def test_anonymous_order_read_is_unauthenticated(subgraph_client, world):
    async with subgraph_client("commerce") as client:
        result = await client.query(ORDER, {"id": world.orders[0].id})
    assert result["data"]["order"] is None
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_orders_for_1_or_20_pets_cost_the_same_sql(subgraph_client, world):
    admin = Principal(user_id=world.accounts[-1].id, roles=frozenset({"admin"}))
    with_orders = {o.pet_id for o in world.orders}
    pets = [p for p in world.pets if p.id in with_orders]
    costs = []
    async with subgraph_client("commerce") as client:
        for n in (1, 20):
            before = client.app.state.sql.total
            result = await client.query(ORDERS, {"reps": reps(pets[:n]), "last": 5},
                                        principal=admin)
            assert "errors" not in result
            assert all(e["orders"] for e in result["data"]["_entities"])
            costs.append(client.app.state.sql.total - before)
    assert costs[0] == costs[1] == 3  # orders, their items, the items' products


SUGGESTIONS = """
query($reps: [_Any!]!, $first: Int!) { _entities(representations: $reps) {
  ... on Pet { id foodSuggestions(first: $first) { id name allergens forSpecies
                                                   price { amountCents } } } } }
"""


def suggestion_reps(pets):
    """What the router sends for ``foodSuggestions`` (@requires species + allergies)."""
    return [{"__typename": "Pet", "id": p.id, "species": p.species,
             "medicalRecord": {"allergies": [{"allergen": a} for a, _, _ in p.allergies]}}
            for p in pets]


async def test_food_suggestions_leave_out_each_pets_allergens(subgraph_client, world):
    allergic = [p for p in world.pets if p.species in ("DOG", "CAT")
                and {"chicken", "wheat", "fish", "beef", "dairy"} & {a for a, _, _ in p.allergies}]
    pets = allergic[:10] + [p for p in world.pets if p.species == "RABBIT"][:2]
    async with subgraph_client("commerce") as client:
        before = client.app.state.sql.total
        result = await client.query(SUGGESTIONS, {"reps": suggestion_reps(pets), "first": 20},
                                    principal=owner(pets[0].owner_id))
        cost = client.app.state.sql.total - before
    assert "errors" not in result, result
    for pet, entity in zip(pets, result["data"]["_entities"]):
        names = [s["name"] for s in entity["foodSuggestions"]]
        assert names == expected_suggestions(world, pet, 20), pet.name
        avoid = {a for a, _, _ in pet.allergies}
        assert all(not avoid & set(s["allergens"] or ()) for s in entity["foodSuggestions"])
        assert all(not s["forSpecies"] or pet.species in s["forSpecies"]
                   for s in entity["foodSuggestions"])
    assert any(e["foodSuggestions"] for e in result["data"]["_entities"])
    assert cost == 1  # the food range, read once for every pet of the request


async def test_food_suggestions_are_null_when_the_medical_record_was_not_readable(
        subgraph_client, world):
    pet = next(p for p in world.pets if p.species == "DOG")
    reps_ = [{"__typename": "Pet", "id": pet.id, "species": "DOG", "medicalRecord": None}]
    async with subgraph_client("commerce") as client:
        result = await client.query(SUGGESTIONS, {"reps": reps_, "first": 5},
                                    principal=owner(pet.owner_id))
    assert "errors" not in result
    assert result["data"]["_entities"][0]["foodSuggestions"] is None
