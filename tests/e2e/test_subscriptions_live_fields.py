"""More live fields through the router: a vet's queue of the day, an order's status.
Each event is a notification; the subgraph re-reads the rows with the subscriber's rights."""

import asyncio

import orjson
import pytest

from supergraph.subscriptions.upstream import AsgiSocket
from tests.support.platform import account

QUEUE = """subscription Queue($vet: ID!, $day: Date) { vetQueueChanged(vetId: $vet, day: $day) {
  id status pet { name } } }"""
CONFIRM = """mutation($id: ID!) { appointmentConfirm(input: {appointmentId: $id}) {
  errors { code } } }"""
ORDER = """subscription Order($id: ID!) { orderStatusChanged(orderId: $id) {
  id status pet { name } } }"""
SHIP = """mutation($id: ID!) { orderShip(input: {orderId: $id}) { errors { code } } }"""


async def _subscribe(app, token, query, variables, sub_id="s1"):
    sock = AsgiSocket(app, "/graphql")
    await sock.connect()
    await sock.send(orjson.dumps({"type": "connection_init",
                                  "payload": {"Authorization": f"Bearer {token}"}}).decode())
    assert orjson.loads(await sock.recv()) == {"type": "connection_ack"}
    await sock.send(orjson.dumps({"id": sub_id, "type": "subscribe", "payload": {
        "query": query, "variables": variables}}).decode())
    return sock


async def _next(sock):
    return orjson.loads(await asyncio.wait_for(sock.recv(), 10))


def _queue_appointment(world, skip):
    vet = world.vets[0]
    rows = [a for a in world.appointments if a.vet_id == vet.id and a.status == "requested"]
    return vet, rows[skip]


async def test_vet_queue_arrives_after_a_change_at_the_clinic(platform, router, world,
                                                               issue_token):
    vet, appointment = _queue_appointment(world, 7)
    staff = account(world, "vet@demo.test")
    day = appointment.starts_at.date().isoformat()
    sock = await _subscribe(platform.router_app, issue_token(staff), QUEUE,
                            {"vet": vet.id, "day": day})
    await asyncio.sleep(0.5)
    result = (await router.post({"query": CONFIRM, "variables": {"id": appointment.id}},
                                token=issue_token(staff))).json()
    assert result["data"]["appointmentConfirm"]["errors"] == []
    message = await _next(sock)
    await sock.close()
    queue = message["payload"]["data"]["vetQueueChanged"]
    expected = [a.id for a in sorted(world.appointments, key=lambda a: a.starts_at)
                if a.vet_id == vet.id and a.starts_at.date().isoformat() == day]
    assert [a["id"] for a in queue] == expected
    assert next(a for a in queue if a["id"] == appointment.id)["status"] == "CONFIRMED"
    assert all(a["pet"]["name"] for a in queue)


async def test_owner_may_not_watch_a_vets_queue(platform, world, issue_token):
    vet, _ = _queue_appointment(world, 7)
    owner = account(world, "owner@demo.test")
    sock = await _subscribe(platform.router_app, issue_token(owner), QUEUE, {"vet": vet.id})
    message = await _next(sock)
    await sock.close()
    assert message["type"] in {"error", "next"}
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def _paid_order(world, owner_id, skip=0):
    return [o for o in world.orders if o.status == "PAID" and o.owner_id == owner_id
            and o.pet_id][skip]


async def test_order_shipped_reaches_its_owner_with_the_pet_name(platform, router, world,
                                                                 issue_token):
    owner = next(a for a in world.accounts if "owner" in a.roles
                 and any(o.status == "PAID" and o.pet_id for o in world.orders
                         if o.owner_id == a.id))
    order = _paid_order(world, owner.id)
    sock = await _subscribe(platform.router_app, issue_token(owner), ORDER, {"id": order.id})
    await asyncio.sleep(0.5)
    admin = account(world, "admin@demo.test")
    result = (await router.post({"query": SHIP, "variables": {"id": order.id}},
                                token=issue_token(admin))).json()
    assert result["data"]["orderShip"]["errors"] == []
    message = await _next(sock)
    await sock.close()
    pet = next(p for p in world.pets if p.id == order.pet_id)
    assert message["payload"] == {"data": {"orderStatusChanged": {
        "id": order.id, "status": "SHIPPED", "pet": {"name": pet.name}}}}


async def test_another_owners_order_is_refused(platform, world, issue_token):
    order = next(o for o in world.orders if o.status == "PAID")
    stranger = next(a for a in world.accounts if "owner" in a.roles and a.id != order.owner_id)
    sock = await _subscribe(platform.router_app, issue_token(stranger), ORDER, {"id": order.id})
    message = await _next(sock)
    await sock.close()
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("who", ["owner@demo.test", "vet@demo.test"])
async def test_order_fulfilment_by_non_admin_is_refused(router, world, issue_token, who):
    order = next(o for o in world.orders if o.status == "PAID")
    result = (await router.post({"query": SHIP, "variables": {"id": order.id}},
                                token=issue_token(account(world, who)))).json()
    payload = result["data"]["orderShip"] if result.get("data") else None
    codes = ([e["code"] for e in payload["errors"]] if payload
             else [e["extensions"]["code"] for e in result["errors"]])
    assert codes and codes[0] in {"FORBIDDEN", "UNAUTHENTICATED"}


REFUND = """mutation($id: ID!) { paymentRefund(input: {paymentId: $id}) { errors { code } } }"""
PAYMENT = """subscription Pay($id: ID!) { paymentStatusChanged(paymentId: $id) { id status } }"""
# Samples dated long ago: they must not move the wearable stats other tests compare.
INGEST = """mutation($device: ID!, $hr: Int!, $t: Float!) { telemetryIngest(input: {
  deviceId: $device, heartRate: $hr, temperatureC: $t, at: "2001-02-03T04:05:00+00:00"}) {
  alerts { kind } } }"""
ALERTS = """subscription Alerts($pet: ID!) { petAlertRaised(petId: $pet) {
  kind value pet { name } } }"""


def _succeeded_payment(world):
    """One nobody else's test reads: the newest succeeded order payment of a later owner."""
    first = world.owners[0].id
    return next(p for p in reversed(world.payments)
                if p.status == "SUCCEEDED" and p.order_id and p.owner_id != first)


async def test_refund_reaches_the_payer(platform, router, world, issue_token):
    payment = _succeeded_payment(world)
    payer = next(a for a in world.accounts if a.id == payment.owner_id)
    sock = await _subscribe(platform.router_app, issue_token(payer), PAYMENT, {"id": payment.id})
    await asyncio.sleep(0.5)
    result = (await router.post({"query": REFUND, "variables": {"id": payment.id}},
                                token=issue_token(account(world, "admin@demo.test")))).json()
    assert result["data"]["paymentRefund"]["errors"] == []
    message = await _next(sock)
    await sock.close()
    assert message["payload"] == {"data": {"paymentStatusChanged": {
        "id": payment.id, "status": "REFUNDED"}}}


async def test_another_owners_payment_is_refused(platform, world, issue_token):
    payment = _succeeded_payment(world)
    stranger = next(a for a in world.accounts if "owner" in a.roles and a.id != payment.owner_id)
    sock = await _subscribe(platform.router_app, issue_token(stranger), PAYMENT,
                            {"id": payment.id})
    message = await _next(sock)
    await sock.close()
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def _device_with_owner(world):
    for device in world.devices:
        pet = next(p for p in world.pets if p.id == device.pet_id)
        owner = next((a for a in world.accounts if a.id == pet.owner_id), None)
        if owner is not None:
            return device, pet, owner
    raise AssertionError("demo data should have a device of a pet whose owner has an account")


async def test_fever_sample_raises_an_alert_for_the_pets_owner_only(platform, router, world,
                                                                    issue_token):
    device, pet, owner = _device_with_owner(world)
    stranger = next(a for a in world.accounts if "owner" in a.roles and a.id != owner.id)
    watcher = await _subscribe(platform.router_app, issue_token(owner), ALERTS, {"pet": pet.id})
    refused = await _subscribe(platform.router_app, issue_token(stranger), ALERTS,
                               {"pet": pet.id})
    await asyncio.sleep(0.5)
    admin = issue_token(account(world, "admin@demo.test"))
    result = (await router.post({"query": INGEST, "variables": {
        "device": device.id, "hr": 120, "t": 40.2}}, token=admin)).json()
    assert result["data"]["telemetryIngest"]["alerts"] == [{"kind": "FEVER"}]
    message, denied = await _next(watcher), await _next(refused)
    await watcher.close()
    await refused.close()
    alert = message["payload"]["data"]["petAlertRaised"]
    assert alert["kind"] == "FEVER" and alert["pet"] == {"name": pet.name}
    assert abs(alert["value"] - 40.2) < 0.01
    errors = denied["payload"] if denied["type"] == "error" else denied["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


async def test_normal_sample_raises_no_alert(router, world, issue_token):
    device, _pet, _owner = _device_with_owner(world)
    admin = issue_token(account(world, "admin@demo.test"))
    result = (await router.post({"query": INGEST, "variables": {
        "device": device.id, "hr": 90, "t": 38.6}}, token=admin)).json()
    assert result["data"]["telemetryIngest"]["alerts"] == []


async def test_telemetry_ingest_by_an_owner_is_refused(router, world, issue_token):
    device, _pet, owner = _device_with_owner(world)
    result = (await router.post({"query": INGEST, "variables": {
        "device": device.id, "hr": 200, "t": 41.0}}, token=issue_token(owner))).json()
    assert result["data"] is None or result["data"]["telemetryIngest"] is None
    assert result["errors"][0]["extensions"]["code"] in {"NOT_FOUND", "FORBIDDEN"}


CHAT = """subscription Chat($id: ID!) { consultationMessageAdded(consultationId: $id) {
  body authorId } }"""
STATUS = """subscription Status($id: ID!) { consultationStatusChanged(consultationId: $id) {
  id status pet { name } } }"""
SEND = """mutation($id: ID!, $body: String!) { consultationMessageSend(input: {
  consultationId: $id, body: $body}) { message { body } errors { code } } }"""
START = """mutation($id: ID!) { consultationStart(input: {consultationId: $id}) {
  errors { code } } }"""


def _scheduled_consultation(world, skip):
    accounts = {a.id: a for a in world.accounts}
    found = [c for c in world.consultations if c.status == "SCHEDULED" and c.owner_id in accounts]
    return found[skip], accounts[found[skip].owner_id]


async def test_chat_message_reaches_the_owner_and_a_stranger_is_refused(platform, router,
                                                                        world, issue_token):
    consultation, owner = _scheduled_consultation(world, 0)
    stranger = next(a for a in world.accounts if "owner" in a.roles and a.id != owner.id)
    watcher = await _subscribe(platform.router_app, issue_token(owner), CHAT,
                               {"id": consultation.id})
    refused = await _subscribe(platform.router_app, issue_token(stranger), CHAT,
                               {"id": consultation.id})
    await asyncio.sleep(0.5)
    admin = account(world, "admin@demo.test")
    sent = (await router.post({"query": SEND, "variables": {
        "id": consultation.id, "body": "How is Rex today?"}}, token=issue_token(admin))).json()
    assert sent["data"]["consultationMessageSend"]["errors"] == []
    message, denied = await _next(watcher), await _next(refused)
    await watcher.close()
    await refused.close()
    assert message["payload"] == {"data": {"consultationMessageAdded": {
        "body": "How is Rex today?", "authorId": admin.id}}}
    errors = denied["payload"] if denied["type"] == "error" else denied["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


async def test_stranger_may_not_post_in_someone_elses_consultation(router, world, issue_token):
    consultation, owner = _scheduled_consultation(world, 1)
    stranger = next(a for a in world.accounts if "owner" in a.roles and a.id != owner.id)
    sent = (await router.post({"query": SEND, "variables": {
        "id": consultation.id, "body": "hi"}}, token=issue_token(stranger))).json()
    assert [e["code"] for e in sent["data"]["consultationMessageSend"]["errors"]] == ["NOT_FOUND"]


async def test_consultation_start_reaches_the_owner_with_the_pet_name(platform, router, world,
                                                                      issue_token):
    consultation, owner = _scheduled_consultation(world, 2)
    watcher = await _subscribe(platform.router_app, issue_token(owner), STATUS,
                               {"id": consultation.id})
    await asyncio.sleep(0.5)
    owner_try = (await router.post({"query": START, "variables": {"id": consultation.id}},
                                   token=issue_token(owner))).json()
    started = (await router.post({"query": START, "variables": {"id": consultation.id}},
                                 token=issue_token(account(world, "admin@demo.test")))).json()
    assert [e["code"] for e in owner_try["data"]["consultationStart"]["errors"]] == ["FORBIDDEN"]
    assert started["data"]["consultationStart"]["errors"] == []
    message = await _next(watcher)
    await watcher.close()
    pet = next(p for p in world.pets if p.id == consultation.pet_id)
    assert message["payload"] == {"data": {"consultationStatusChanged": {
        "id": consultation.id, "status": "IN_PROGRESS", "pet": {"name": pet.name}}}}
