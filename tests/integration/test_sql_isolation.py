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
