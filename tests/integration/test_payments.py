"""payments subgraph against real PostgreSQL: payments of appointments/orders, insurance."""

from auth.principal import Principal

INSURANCE = """
query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Pet { id insurance { id provider planName status renewsOn pet { id }
    monthlyPremium { amountCents currency } coverageLimit { amountCents currency } } } } }
"""
PAYMENT_OF = """
query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Appointment { id payment { id status amount { amountCents currency } } }
  ... on Order { id payment { id status amount { amountCents currency } createdAt } } } }
"""
MY_PAYMENTS = "query($first: Int!) { myPayments(first: $first) { id status createdAt } }"
PAYMENT = "query($id: ID!) { payment(id: $id) { id amount { amountCents } } }"


def owner(account_id):
    return Principal(user_id=account_id, roles=frozenset({"owner"}))


def admin(world):
    return Principal(user_id=world.accounts[-1].id, roles=frozenset({"admin"}))


def pet_reps(ids):
    return [{"__typename": "Pet", "id": i} for i in ids]


async def test_owner_sees_the_active_insurance_of_their_pet(subgraph_client, world):
    policy = world.policies[0]
    async with subgraph_client("payments") as client:
        result = await client.query(INSURANCE, {"reps": pet_reps([policy.pet_id])},
                                    principal=owner(policy.owner_id))
    assert result["data"]["_entities"][0]["insurance"] == {
        "id": policy.id, "provider": policy.provider, "planName": policy.plan_name,
        "status": "ACTIVE", "renewsOn": policy.renews_on.isoformat(),
        "pet": {"id": policy.pet_id},
        "monthlyPremium": {"amountCents": policy.monthly_premium_cents, "currency": "EUR"},
        "coverageLimit": {"amountCents": policy.coverage_limit_cents, "currency": "EUR"}}


async def test_uninsured_pet_has_no_insurance(subgraph_client, world):
    insured = {p.pet_id for p in world.policies}
    pet = next(p for p in world.pets if p.id not in insured)
    async with subgraph_client("payments") as client:
        result = await client.query(INSURANCE, {"reps": pet_reps([pet.id])},
                                    principal=owner(pet.owner_id))
    assert result["data"]["_entities"][0]["insurance"] is None


async def test_other_owner_sees_no_insurance(subgraph_client, world):
    policy = world.policies[0]
    stranger = next(o for o in world.owners if o.id != policy.owner_id)
    async with subgraph_client("payments") as client:
        result = await client.query(INSURANCE, {"reps": pet_reps([policy.pet_id])},
                                    principal=owner(stranger.id))
    assert result["data"]["_entities"][0]["insurance"] is None


async def test_appointment_and_order_payments_resolve_for_their_owner(subgraph_client, world):
    me = world.owners[0].id
    for_appointment = next(p for p in world.payments if p.appointment_id and p.owner_id == me)
    for_order = next(p for p in world.payments if p.order_id and p.owner_id == me)
    reps = [{"__typename": "Appointment", "id": for_appointment.appointment_id},
            {"__typename": "Order", "id": for_order.order_id}]
    async with subgraph_client("payments") as client:
        result = await client.query(PAYMENT_OF, {"reps": reps}, principal=owner(me))
    appointment, order = result["data"]["_entities"]
    assert appointment["payment"] == {
        "id": for_appointment.id, "status": for_appointment.status,
        "amount": {"amountCents": for_appointment.amount_cents, "currency": "EUR"}}
    assert order["payment"]["id"] == for_order.id
    stored_order = next(o for o in world.orders if o.id == for_order.order_id)
    assert order["payment"]["amount"]["amountCents"] == stored_order.total_cents


async def test_unpaid_order_has_no_payment(subgraph_client, world):
    paid = {p.order_id for p in world.payments}
    order = next(o for o in world.orders if o.id not in paid)
    async with subgraph_client("payments") as client:
        result = await client.query(PAYMENT_OF, {"reps": [{"__typename": "Order", "id": order.id}]},
                                    principal=owner(order.owner_id))
    assert result["data"]["_entities"][0]["payment"] is None


async def test_other_owner_sees_no_payment(subgraph_client, world):
    payment = next(p for p in world.payments if p.order_id)
    stranger = next(o for o in world.owners if o.id != payment.owner_id)
    async with subgraph_client("payments") as client:
        via_order = await client.query(
            PAYMENT_OF, {"reps": [{"__typename": "Order", "id": payment.order_id}]},
            principal=owner(stranger.id))
        direct = await client.query(PAYMENT, {"id": payment.id}, principal=owner(stranger.id))
    assert via_order["data"]["_entities"][0]["payment"] is None
    assert direct["data"]["payment"] is None


async def test_my_payments_lists_only_the_callers_payments_newest_first(subgraph_client, world):
    me = world.owners[0].id
    async with subgraph_client("payments") as client:
        result = await client.query(MY_PAYMENTS, {"first": 100}, principal=owner(me))
    expected = sorted((p for p in world.payments if p.owner_id == me),
                      key=lambda p: p.created_at, reverse=True)
    assert [p["id"] for p in result["data"]["myPayments"]] == [p.id for p in expected]


async def test_insurance_for_1_or_20_pets_costs_the_same_sql(subgraph_client, world):
    pet_ids = [p.pet_id for p in world.policies]
    costs = []
    async with subgraph_client("payments") as client:
        for n in (1, 20):
            before = client.app.state.sql.total
            result = await client.query(INSURANCE, {"reps": pet_reps(pet_ids[:n])},
                                        principal=admin(world))
            assert "errors" not in result
            assert all(e["insurance"] for e in result["data"]["_entities"])
            costs.append(client.app.state.sql.total - before)
    assert costs[0] == costs[1] == 1


async def test_order_payments_for_1_or_20_orders_cost_the_same_sql(subgraph_client, world):
    order_ids = [p.order_id for p in world.payments if p.order_id]
    costs = []
    async with subgraph_client("payments") as client:
        for n in (1, 20):
            reps = [{"__typename": "Order", "id": i} for i in order_ids[:n]]
            before = client.app.state.sql.total
            result = await client.query(PAYMENT_OF, {"reps": reps}, principal=admin(world))
            assert "errors" not in result
            assert all(e["payment"] for e in result["data"]["_entities"])
            costs.append(client.app.state.sql.total - before)
    assert costs[0] == costs[1] == 1
