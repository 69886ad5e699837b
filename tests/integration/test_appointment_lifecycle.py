"""The booking lifecycle against real PostgreSQL and Redis: transitions, history, no double
booking (a database constraint), and the live status subscription fed by Redis pub/sub."""

import asyncio
import uuid
from datetime import timedelta

import asyncpg
import pytest

from auth.principal import Principal
from persistence.postgres import plain_url
from subgraphs.shared.context import SubgraphContext, UnitOfWork

CONFIRM = """mutation($id: ID!) { appointmentConfirm(input: {appointmentId: $id}) {
  appointment { id status statusHistory { fromStatus toStatus } } errors { code field } } }"""
COMPLETE = """mutation($id: ID!) { appointmentComplete(input: {appointmentId: $id}) {
  appointment { id status } errors { code field message } } }"""
CANCEL = """mutation($id: ID!) { appointmentCancel(input: {appointmentId: $id}) {
  appointment { id status } errors { code } } }"""
WATCH = """subscription($id: ID!) { appointmentStatusChanged(appointmentId: $id) { id status } }"""


def _vet(world):
    account = next(a for a in world.accounts if a.email == "vet@demo.test")
    return Principal(user_id=account.id, roles=frozenset({"vet"}), clinic_id=account.clinic_id)


def _requested_of_demo_vet(world, skip=0):
    vet_id = world.vets[0].id
    found = [a for a in world.appointments if a.vet_id == vet_id and a.status == "requested"]
    assert len(found) > skip, "demo data should give the demo vet requested appointments"
    return found[skip]


def _owner(world, owner_id):
    return Principal(user_id=owner_id, roles=frozenset({"owner"}))


async def test_assigned_vet_confirms_and_history_records_it(subgraph_client, world):
    appointment = _requested_of_demo_vet(world, 0)
    async with subgraph_client("appointments") as client:
        result = await client.query(CONFIRM, {"id": appointment.id}, principal=_vet(world))
    payload = result["data"]["appointmentConfirm"]
    assert payload["errors"] == []
    assert payload["appointment"]["status"] == "CONFIRMED"
    assert payload["appointment"]["statusHistory"][-1] == {"fromStatus": "REQUESTED",
                                                           "toStatus": "CONFIRMED"}


async def test_skipping_states_is_an_invalid_transition_and_changes_nothing(subgraph_client, world):
    appointment = _requested_of_demo_vet(world, 1)
    async with subgraph_client("appointments") as client:
        result = await client.query(COMPLETE, {"id": appointment.id}, principal=_vet(world))
        again = await client.query(CONFIRM, {"id": appointment.id}, principal=_vet(world))
    assert result["data"]["appointmentComplete"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert again["data"]["appointmentConfirm"]["appointment"]["statusHistory"] == [
        {"fromStatus": "REQUESTED", "toStatus": "CONFIRMED"}]


async def test_other_owner_cannot_cancel_and_learns_nothing(subgraph_client, world):
    appointment = _requested_of_demo_vet(world, 2)
    stranger = next(o for o in world.owners if o.id != appointment.owner_id)
    async with subgraph_client("appointments") as client:
        denied = await client.query(CANCEL, {"id": appointment.id},
                                    principal=_owner(world, stranger.id))
        allowed = await client.query(CANCEL, {"id": appointment.id},
                                     principal=_owner(world, appointment.owner_id))
    assert denied["data"]["appointmentCancel"]["errors"][0]["code"] == "NOT_FOUND"
    assert allowed["data"]["appointmentCancel"]["appointment"]["status"] == "CANCELLED"


async def test_overlapping_booking_for_the_same_vet_is_refused_by_the_database(settings, world):
    existing = next(a for a in world.appointments if a.status == "completed")
    conn = await asyncpg.connect(plain_url(settings.postgres.url))
    try:
        with pytest.raises(asyncpg.exceptions.ExclusionViolationError):
            await conn.execute(
                "INSERT INTO appointments.appointment (id, pet_id, owner_id, clinic_id, vet_id, "
                "kind, status, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, $5, 'CLINIC', "
                "'requested', $6, $7, 'double booking')", uuid.uuid4(), uuid.UUID(existing.pet_id),
                uuid.UUID(existing.owner_id), uuid.UUID(existing.clinic_id),
                uuid.UUID(existing.vet_id), existing.starts_at + timedelta(minutes=5),
                existing.starts_at + timedelta(minutes=20))
    finally:
        await conn.close()


async def test_subscriber_receives_the_new_status_after_a_transition(subgraph_client, world):
    appointment = _requested_of_demo_vet(world, 3)
    owner = _owner(world, appointment.owner_id)
    async with subgraph_client("appointments") as client:
        app = client.app
        context = SubgraphContext(principal=owner, uow=UnitOfWork(app.state.engine),
                                  resources=app.state)
        from subgraphs.appointments import build_schema

        stream = await build_schema().subscribe(WATCH, variable_values={"id": appointment.id},
                                                context_value=context)
        first = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0.3)  # let the subscriber reach Redis before the change
        result = await client.query(CONFIRM, {"id": appointment.id}, principal=_vet(world))
        assert result["data"]["appointmentConfirm"]["errors"] == []
        event = await asyncio.wait_for(first, 10)
        await stream.aclose()
    assert event.errors is None
    assert event.data["appointmentStatusChanged"] == {"id": appointment.id, "status": "CONFIRMED"}


async def test_subscribing_to_someone_elses_appointment_is_refused(subgraph_client, world):
    appointment = _requested_of_demo_vet(world, 0)
    stranger = next(o for o in world.owners if o.id != appointment.owner_id)
    async with subgraph_client("appointments") as client:
        context = SubgraphContext(principal=_owner(world, stranger.id),
                                  uow=UnitOfWork(client.app.state.engine),
                                  resources=client.app.state)
        from subgraphs.appointments import build_schema

        stream = await build_schema().subscribe(WATCH, variable_values={"id": appointment.id},
                                                context_value=context)
        result = await stream.__anext__()
    assert result.errors[0].extensions["code"] == "NOT_FOUND"
