"""The per-test SQL restore (tests/support/sql_isolation.py) on the session's real PostgreSQL:
whatever a test inserts, updates, deletes or truncates is back as seeded for the next test."""

from __future__ import annotations

import asyncpg
import pytest

from persistence.postgres import plain_url

pytestmark = pytest.mark.integration

TABLES = ("commerce.product", "commerce.order", "commerce.order_item", "training.training_plan",
          "telehealth.consultation", "telehealth.consultation_message", "accounts.account")


@pytest.fixture
async def conn(settings):
    connection = await asyncpg.connect(plain_url(settings.postgres.url))
    yield connection
    await connection.close()


async def _contents(conn) -> dict[str, str]:
    return {t: await conn.fetchval(f"SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY "
                                   f"x::text), '')) FROM {t} x") for t in TABLES}


async def _dirty(session_stores) -> set[str]:
    """Dirty tables among those these tests write: the platform's background loops (the
    patient sync consuming profiles' stream) may write their own tables at any moment."""
    return await session_stores.sql.dirty() & set(TABLES)


async def test_a_test_starts_with_nothing_to_restore(session_stores):
    assert await _dirty(session_stores) == set()


async def test_added_changed_and_deleted_rows_are_put_back(conn, session_stores):
    seeded = await _contents(conn)
    order_id = await conn.fetchval("SELECT order_id FROM commerce.order_item LIMIT 1")
    await conn.execute("DELETE FROM commerce.order_item WHERE order_id = $1", order_id)
    await conn.execute('DELETE FROM commerce."order" WHERE id = $1', order_id)  # a parent
    await conn.execute("UPDATE commerce.product SET name = name || ' (changed)'")
    await conn.execute("UPDATE accounts.account SET display_name = 'renamed' WHERE id = "
                       "(SELECT id FROM accounts.account LIMIT 1)")
    await conn.execute(
        "INSERT INTO telehealth.consultation_message (id, consultation_id, pet_id, owner_id, "
        "author_id, body, sent_at) SELECT gen_random_uuid(), id, pet_id, owner_id, owner_id, "
        "'hello', now() FROM telehealth.consultation LIMIT 3")  # children of seeded rows
    assert await _dirty(session_stores) == {
        "commerce.order_item", "commerce.order", "commerce.product", "accounts.account",
        "telehealth.consultation_message"}

    await session_stores.sql.restore()

    assert await _contents(conn) == seeded
    assert await _dirty(session_stores) == set()


async def test_a_truncated_table_comes_back_whole(conn, session_stores):
    seeded = await _contents(conn)
    await conn.execute("TRUNCATE training.training_plan")

    assert await session_stores.sql.restore() & set(TABLES) == {"training.training_plan"}
    assert await _contents(conn) == seeded


async def test_a_booking_s_care_directory_entry_goes_with_its_restored_visit(conn, session_stores,
                                                                            settings):
    from auth.access import clinic_key, record_visits
    from persistence.redis import create_client
    from tests.support.sql_isolation import drop_derived_keys

    seeded = await conn.fetchrow("SELECT id, clinic_id, pet_id, owner_id, vet_id FROM "
                                 "appointments.appointment LIMIT 1")
    clinic, pet = str(seeded["clinic_id"]), "00000000-0000-4000-8000-00000000c0de"
    await conn.execute(
        "INSERT INTO appointments.appointment (id, pet_id, owner_id, clinic_id, vet_id, kind, "
        "status, starts_at, ends_at, reason) VALUES (gen_random_uuid(), $1, $2, $3, $4, 'CLINIC', "
        "'REQUESTED', '2031-01-01 09:00Z', '2031-01-01 09:15Z', 'check-up')",
        pet, seeded["owner_id"], seeded["clinic_id"], seeded["vet_id"])
    redis = create_client(settings.redis.url)
    try:
        await record_visits(redis, settings.redis.key_prefix, [(clinic, pet)])  # the booking's
        restored = await session_stores.sql.restore()
        await drop_derived_keys(settings.redis.url, settings.redis.key_prefix, restored,
                                session_stores.sql)
        members = await redis.smembers(clinic_key(settings.redis.key_prefix, clinic))
    finally:
        await redis.aclose()
    members = {m.decode() if isinstance(m, bytes) else m for m in members}
    assert pet not in members and str(seeded["pet_id"]) in members
