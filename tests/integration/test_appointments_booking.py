"""Booking, rescheduling and availability against real PostgreSQL and Redis: slots from the
vets' working hours minus booked visits, the Redis cache and its invalidation, no double
booking (the exclusion constraint mapped to CONFLICT, nothing changed), ownership and grants,
and the live events of a booking.

Bookings happen at ``CLINIC`` (not the demo vet's clinic 0, whose patient set other tests
pin exactly): a booking adds the pet to the clinic's care directory, as it should."""

import asyncio
import uuid
from datetime import UTC, date, datetime, time, timedelta

import asyncpg

from auth.grants import publish as publish_grant
from auth.principal import Principal
from persistence.postgres import plain_url
from persistence.redis import create_client
from subgraphs.appointments.repository import slots_cache
from subgraphs.shared.context import SubgraphContext, UnitOfWork

AVAILABILITY = """query($clinic: ID!, $from: Date!, $to: Date!, $vet: ID, $kind: VisitKind,
  $service: String, $duration: Int = 30, $first: Int = 500) {
  availability(clinicId: $clinic, startDate: $from, endDate: $to, vetId: $vet, kind: $kind,
               service: $service, durationMinutes: $duration, first: $first) {
    startsAt endsAt kinds vet { id } } }"""
BOOK = """mutation($input: AppointmentBookInput!) { appointmentBook(input: $input) {
  appointment { id status kind startsAt endsAt vet { id } statusHistory { fromStatus toStatus } }
  errors { code field message } } }"""
RESCHEDULE = """mutation($input: AppointmentRescheduleInput!) {
  appointmentReschedule(input: $input) {
    appointment { id status startsAt endsAt vet { id }
                  statusHistory { fromStatus toStatus rescheduledTo } }
    errors { code field message } } }"""
CONFIRM = """mutation($id: ID!) { appointmentConfirm(input: {appointmentId: $id}) {
  errors { code } } }"""
CANCEL = """mutation($id: ID!) { appointmentCancel(input: {appointmentId: $id}) {
  appointment { status } errors { code } } }"""
QUEUE = """subscription($vet: ID!, $day: Date!) { vetQueueChanged(vetId: $vet, day: $day) {
  id status startsAt } }"""


CLINIC = 16  # offers dental, home visits, surgery, video consults


def _future_day(world, weeks: int, weekday: int) -> date:
    """A day well after every seeded appointment (those end ~60 days after the anchor)."""
    base = world.anchor.date() + timedelta(days=70 + 7 * weeks)
    return base + timedelta(days=(weekday - base.weekday()) % 7)


def _owner(world, n=0):
    owner = world.owners[n]
    pet = next(p for p in world.pets if p.owner_id == owner.id)
    return Principal(user_id=owner.id, roles=frozenset({"owner"})), pet


def _staff(world):
    """A clinic admin of ``CLINIC`` (no demo account works there)."""
    return Principal(user_id=str(uuid.UUID(int=CLINIC)), roles=frozenset({"clinic_admin"}),
                     clinic_id=world.clinics[CLINIC].id)


def _clinic_vets(world, clinic_n=CLINIC):
    clinic = world.clinics[clinic_n]
    return clinic, [v for v in world.vets if v.clinic_id == clinic.id]


def _at(day: date, hour: int, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute), UTC).isoformat()


def _book_input(pet, vet, starts_at: str, **extra):
    return {"petId": pet.id, "vetId": vet.id, "startsAt": starts_at, "reason": "check-up",
            **extra}


async def _slots(client, clinic, day, **variables):
    result = await client.query(AVAILABILITY, {"clinic": clinic.id, "from": day.isoformat(),
                                               "to": day.isoformat(), **variables})
    assert "errors" not in result, result
    return result["data"]["availability"]


async def _rows_at(settings, vet_id: str, starts_at: str) -> int:
    conn = await asyncpg.connect(plain_url(settings.postgres.url))
    try:
        return await conn.fetchval(
            "SELECT count(*) FROM appointments.appointment WHERE vet_id = $1 AND starts_at = $2",
            uuid.UUID(vet_id), datetime.fromisoformat(starts_at))
    finally:
        await conn.close()


async def test_availability_follows_working_hours_in_time_order(subgraph_client, world):
    clinic, vets = _clinic_vets(world)
    monday = _future_day(world, 0, 0)
    async with subgraph_client("appointments") as client:
        slots = await _slots(client, clinic, monday, vet=vets[0].id)
        sunday = await _slots(client, clinic, monday - timedelta(days=1), vet=vets[0].id)
    starts = [datetime.fromisoformat(s["startsAt"]) for s in slots]
    # 08:00-12:00 and 13:00-18:00 in 30-minute visits on a 15-minute grid: 15 + 19 slots
    assert len(slots) == 34 and starts == sorted(starts)
    assert starts[0].time() == time(8) and starts[-1].time() == time(17, 30)
    assert not any(time(11, 45) <= s.time() < time(13) for s in starts)
    assert all(s["vet"]["id"] == vets[0].id for s in slots)
    assert sunday == []


async def test_availability_filters_by_kind_and_service(subgraph_client, world):
    clinic, vets = _clinic_vets(world)
    tuesday = _future_day(world, 0, 1)
    async with subgraph_client("appointments") as client:
        home = await _slots(client, clinic, tuesday, kind="HOME_VISIT")
        video = await _slots(client, clinic, tuesday, kind="VIDEO")
        lab = await _slots(client, clinic, tuesday, service="lab")
        dental = await _slots(client, clinic, tuesday, service="dental")
        surgery = await _slots(client, clinic, tuesday, service="surgery")
    assert home and all(datetime.fromisoformat(s["startsAt"]).hour >= 13 for s in home)
    assert any(datetime.fromisoformat(s["startsAt"]).hour < 12 for s in video)
    assert lab == []  # the clinic does not offer it
    assert {s["vet"]["id"] for s in dental} == {v.id for v in vets if "dentistry" in v.specialities}
    assert {s["vet"]["id"] for s in surgery} == {v.id for v in vets if "surgery" in v.specialities}
    assert len({s["vet"]["id"] for s in surgery}) == 1


async def test_availability_refuses_bad_ranges_and_unknown_clinics(subgraph_client, world):
    clinic, _ = _clinic_vets(world)
    day = _future_day(world, 0, 2)
    async with subgraph_client("appointments") as client:
        backwards = await client.query(AVAILABILITY, {"clinic": clinic.id, "from": day.isoformat(),
                                                      "to": (day - timedelta(days=1)).isoformat()})
        too_long = await client.query(AVAILABILITY, {"clinic": clinic.id, "from": day.isoformat(),
                                                     "to": (day + timedelta(days=40)).isoformat()})
        odd = await client.query(AVAILABILITY, {"clinic": clinic.id, "from": day.isoformat(),
                                                "to": day.isoformat(), "duration": 20})
        unknown = await client.query(AVAILABILITY, {"clinic": str(uuid.uuid4()),
                                                    "from": day.isoformat(), "to": day.isoformat()})
    for result in (backwards, too_long, odd):
        assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_booking_takes_the_slot_and_invalidates_the_cached_day(subgraph_client, world,
                                                                     settings):
    clinic, vets = _clinic_vets(world)
    owner, pet = _owner(world)
    day = _future_day(world, 1, 0)
    redis = create_client(settings.redis.url)
    prefix = settings.redis.key_prefix
    try:
        async with subgraph_client("appointments") as client:
            fresh_sql = client.app.state.sql.total
            before = await _slots(client, clinic, day, vet=vets[1].id)
            from_database = client.app.state.sql.total - fresh_sql
            assert await redis.exists(slots_cache.data_key(prefix, clinic.id, day))
            cached_sql = client.app.state.sql.total
            again = await _slots(client, clinic, day, vet=vets[1].id)
            served_from_cache = client.app.state.sql.total - cached_sql
            booked = await client.query(BOOK, {"input": _book_input(pet, vets[1], _at(day, 9))},
                                        principal=owner)
            assert not await redis.exists(slots_cache.data_key(prefix, clinic.id, day))
            after = await _slots(client, clinic, day, vet=vets[1].id)
    finally:
        await redis.aclose()
    payload = booked["data"]["appointmentBook"]
    assert payload["errors"] == []
    assert payload["appointment"]["status"] == "REQUESTED"
    assert payload["appointment"]["statusHistory"] == [{"fromStatus": None,
                                                       "toStatus": "REQUESTED"}]
    # cached: clinic, its vets, the slots' vet - no shift or booking reads
    assert again == before and (from_database, served_from_cache) == (5, 3)
    gone = {s["startsAt"] for s in before} - {s["startsAt"] for s in after}
    assert gone == {_at(day, h, m) for h, m in ((8, 45), (9, 0), (9, 15))}


async def test_booking_a_taken_time_is_a_conflict_and_changes_nothing(subgraph_client, world,
                                                                      settings):
    clinic, vets = _clinic_vets(world)
    (first, pet), (second, other_pet) = _owner(world, 0), _owner(world, 1)
    day = _future_day(world, 1, 1)
    async with subgraph_client("appointments") as client:
        ok = await client.query(BOOK, {"input": _book_input(pet, vets[2], _at(day, 14))},
                                principal=first)
        clash = await client.query(BOOK, {"input": _book_input(other_pet, vets[2],
                                                               _at(day, 14, 15))},
                                   principal=second)
    assert ok["data"]["appointmentBook"]["errors"] == []
    assert clash["data"]["appointmentBook"] == {"appointment": None, "errors": [
        {"code": "CONFLICT", "field": "startsAt",
         "message": "the vet already has a visit at that time"}]}
    assert await _rows_at(settings, vets[2].id, _at(day, 14, 15)) == 0


async def test_a_pet_cannot_be_in_two_visits_at_once_even_with_two_vets(subgraph_client, world,
                                                                       settings):
    clinic, vets = _clinic_vets(world)
    owner, pet = _owner(world, 2)
    day = _future_day(world, 4, 1)
    async with subgraph_client("appointments") as client:
        ok = await client.query(BOOK, {"input": _book_input(pet, vets[0], _at(day, 9))},
                                principal=owner)
        clash = await client.query(BOOK, {"input": _book_input(pet, vets[1], _at(day, 9, 15))},
                                   principal=owner)
        after = await client.query(BOOK, {"input": _book_input(pet, vets[1], _at(day, 9, 30))},
                                   principal=owner)
    assert ok["data"]["appointmentBook"]["errors"] == []
    assert clash["data"]["appointmentBook"] == {"appointment": None, "errors": [
        {"code": "CONFLICT", "field": "startsAt",
         "message": "the pet already has a visit at that time"}]}
    assert await _rows_at(settings, vets[1].id, _at(day, 9, 15)) == 0
    # Back to back is fine: the ranges are half-open.
    assert after["data"]["appointmentBook"]["errors"] == []


async def test_booking_refuses_bad_input_with_the_field(subgraph_client, world, settings):
    clinic, vets = _clinic_vets(world)
    owner, pet = _owner(world)
    day = _future_day(world, 1, 2)
    past = _at(world.anchor.date() - timedelta(days=3), 9)
    cases = [({"startsAt": past}, "startsAt"), ({"startsAt": _at(day, 9, 10)}, "startsAt"),
             ({"startsAt": _at(day, 3)}, "startsAt"), ({"durationMinutes": 20}, "durationMinutes"),
             ({"kind": "HOME_VISIT"}, "kind"), ({"reason": "  "}, "reason")]
    async with subgraph_client("appointments") as client:
        results = [await client.query(BOOK, {"input": {**_book_input(pet, vets[0], _at(day, 10)),
                                                       **change}}, principal=owner)
                   for change, _field in cases]
    for result, (_change, field) in zip(results, cases):
        assert result["data"]["appointmentBook"]["errors"][0]["code"] == "BAD_USER_INPUT"
        assert result["data"]["appointmentBook"]["errors"][0]["field"] == field
    assert await _rows_at(settings, vets[0].id, _at(day, 10)) == 0


async def test_only_the_owner_or_a_grantee_may_book_for_a_pet(subgraph_client, world, settings):
    clinic, vets = _clinic_vets(world)
    owner, pet = _owner(world, 3)
    stranger, _ = _owner(world, 4)
    day = _future_day(world, 1, 3)
    redis = create_client(settings.redis.url)
    try:
        async with subgraph_client("appointments") as client:
            refused = await client.query(BOOK, {"input": _book_input(pet, vets[0], _at(day, 9))},
                                         principal=stranger)
            await publish_grant(redis, settings.redis.key_prefix, stranger.user_id, pet.id, [None])
            shared = await client.query(BOOK, {"input": _book_input(pet, vets[0], _at(day, 9))},
                                        principal=stranger)
    finally:
        await publish_grant(redis, settings.redis.key_prefix, stranger.user_id, pet.id, [])
        await redis.aclose()
    assert refused["data"]["appointmentBook"]["errors"][0] == {
        "code": "NOT_FOUND", "field": "petId", "message": "pet not found"}
    assert shared["data"]["appointmentBook"]["errors"] == []


async def test_owner_reschedule_moves_the_visit_and_needs_confirming_again(subgraph_client,
                                                                          world):
    clinic, vets = _clinic_vets(world)
    owner, pet = _owner(world)
    day = _future_day(world, 2, 0)
    async with subgraph_client("appointments") as client:
        booked = await client.query(BOOK, {"input": _book_input(pet, vets[0], _at(day, 9))},
                                    principal=owner)
        appointment_id = booked["data"]["appointmentBook"]["appointment"]["id"]
        confirmed = await client.query(CONFIRM, {"id": appointment_id},
                                       principal=_staff(world))
        assert confirmed["data"]["appointmentConfirm"]["errors"] == []
        moved = await client.query(RESCHEDULE, {"input": {
            "appointmentId": appointment_id, "startsAt": _at(day, 15), "vetId": vets[1].id}},
            principal=owner)
        slots_old_vet = await _slots(client, clinic, day, vet=vets[0].id)
    payload = moved["data"]["appointmentReschedule"]
    assert payload["errors"] == []
    assert payload["appointment"]["status"] == "REQUESTED"
    assert payload["appointment"]["vet"]["id"] == vets[1].id
    assert payload["appointment"]["startsAt"] == _at(day, 15)
    assert payload["appointment"]["statusHistory"][-1] == {
        "fromStatus": "CONFIRMED", "toStatus": "REQUESTED", "rescheduledTo": _at(day, 15)}
    assert _at(day, 9) in {s["startsAt"] for s in slots_old_vet}  # freed again


async def test_rescheduling_onto_a_taken_time_is_a_conflict_and_changes_nothing(
        subgraph_client, world):
    clinic, vets = _clinic_vets(world)
    owner, pet = _owner(world)
    day = _future_day(world, 2, 1)
    async with subgraph_client("appointments") as client:
        first = await client.query(BOOK, {"input": _book_input(pet, vets[0], _at(day, 9))},
                                   principal=owner)
        await client.query(BOOK, {"input": _book_input(pet, vets[0], _at(day, 10))},
                           principal=owner)
        appointment_id = first["data"]["appointmentBook"]["appointment"]["id"]
        clash = await client.query(RESCHEDULE, {"input": {
            "appointmentId": appointment_id, "startsAt": _at(day, 10)}}, principal=owner)
        unchanged = await client.query(RESCHEDULE, {"input": {
            "appointmentId": appointment_id, "startsAt": _at(day, 9)}}, principal=owner)
    assert clash["data"]["appointmentReschedule"]["errors"][0]["code"] == "CONFLICT"
    history = unchanged["data"]["appointmentReschedule"]["appointment"]["statusHistory"]
    assert [h["rescheduledTo"] for h in history] == [None, _at(day, 9)]


async def test_rescheduling_a_cancelled_visit_is_an_invalid_transition(subgraph_client, world):
    clinic, vets = _clinic_vets(world)
    owner, pet = _owner(world)
    day = _future_day(world, 2, 2)
    async with subgraph_client("appointments") as client:
        booked = await client.query(BOOK, {"input": _book_input(pet, vets[0], _at(day, 9))},
                                    principal=owner)
        appointment_id = booked["data"]["appointmentBook"]["appointment"]["id"]
        cancelled = await client.query(CANCEL, {"id": appointment_id}, principal=owner)
        slots = await _slots(client, clinic, day, vet=vets[0].id)
        moved = await client.query(RESCHEDULE, {"input": {
            "appointmentId": appointment_id, "startsAt": _at(day, 11)}}, principal=owner)
    assert cancelled["data"]["appointmentCancel"]["appointment"]["status"] == "CANCELLED"
    assert _at(day, 9) in {s["startsAt"] for s in slots}  # cancelling freed the time
    assert moved["data"]["appointmentReschedule"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_a_stale_cache_entry_written_after_a_booking_is_never_served(settings, world):
    clinic, _ = _clinic_vets(world)
    day, prefix = _future_day(world, 3, 0), settings.redis.key_prefix
    redis = create_client(settings.redis.url)
    try:
        version_before = int(await redis.get(slots_cache.version_key(prefix, clinic.id, day))
                             or 0)
        await slots_cache.invalidate(redis, prefix, [(clinic.id, day)])  # a booking committed
        # a reader that read the tables before that commit now writes its (stale) windows
        stale = slots_cache._encode(version_before, [])
        await redis.set(slots_cache.data_key(prefix, clinic.id, day), stale)
        hits, versions = await slots_cache._read(redis, prefix, clinic.id, [day])
    finally:
        await redis.aclose()
    assert hits == {} and versions == {day: version_before + 1}


async def test_vet_queue_subscribers_see_a_booking(subgraph_client, world):
    clinic, vets = _clinic_vets(world)
    owner, pet = _owner(world)
    day = _future_day(world, 3, 1)
    async with subgraph_client("appointments") as client:
        context = SubgraphContext(principal=_staff(world),
                                  uow=UnitOfWork(client.app.state.engine),
                                  resources=client.app.state)
        from subgraphs.appointments import build_schema

        stream = await build_schema().subscribe(
            QUEUE, variable_values={"vet": vets[0].id, "day": day.isoformat()},
            context_value=context)
        first = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0.3)  # let the subscriber reach Redis before the change
        booked = await client.query(BOOK, {"input": _book_input(pet, vets[0], _at(day, 11))},
                                    principal=owner)
        event = await asyncio.wait_for(first, 10)
        await stream.aclose()
    appointment = booked["data"]["appointmentBook"]["appointment"]
    assert event.errors is None
    assert event.data["vetQueueChanged"] == [
        {"id": appointment["id"], "status": "REQUESTED", "startsAt": _at(day, 11)}]


async def test_status_subscribers_see_a_reschedule(subgraph_client, world):
    clinic, vets = _clinic_vets(world)
    owner, pet = _owner(world)
    day = _future_day(world, 3, 2)
    watch = """subscription($id: ID!) { appointmentStatusChanged(appointmentId: $id) {
      id status startsAt } }"""
    async with subgraph_client("appointments") as client:
        booked = await client.query(BOOK, {"input": _book_input(pet, vets[0], _at(day, 9))},
                                    principal=owner)
        appointment_id = booked["data"]["appointmentBook"]["appointment"]["id"]
        context = SubgraphContext(principal=owner, uow=UnitOfWork(client.app.state.engine),
                                  resources=client.app.state)
        from subgraphs.appointments import build_schema

        stream = await build_schema().subscribe(watch, variable_values={"id": appointment_id},
                                                context_value=context)
        first = asyncio.ensure_future(stream.__anext__())
        await asyncio.sleep(0.3)
        await client.query(RESCHEDULE, {"input": {"appointmentId": appointment_id,
                                                  "startsAt": _at(day, 10)}}, principal=owner)
        event = await asyncio.wait_for(first, 10)
        await stream.aclose()
    assert event.data["appointmentStatusChanged"] == {
        "id": appointment_id, "status": "REQUESTED", "startsAt": _at(day, 10)}
