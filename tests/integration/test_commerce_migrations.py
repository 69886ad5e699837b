"""commerce migrations on real PostgreSQL: products stored before food suggestions keep
working, with species and allergens *undeclared* (never "any species" or "contains none"),
and the models match what the migrations build."""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from persistence.migrations import upgrade
from persistence.postgres import drop_database, ensure_database, plain_url

pytestmark = pytest.mark.integration

BEFORE_FOOD_FACTS = "fe9d880d4082"


@pytest.fixture
async def empty_database(servers, run_id):
    name = f"pawgraph_migrate_{run_id}_{uuid.uuid4().hex[:6]}"
    url = await ensure_database(servers["postgres"], name)
    try:
        yield url
    finally:
        await drop_database(servers["postgres"], name)


async def test_products_stored_before_have_undeclared_species_and_allergens(empty_database):
    await upgrade(empty_database, "commerce", BEFORE_FOOD_FACTS)
    product_id = uuid.uuid4()
    conn = await asyncpg.connect(plain_url(empty_database))
    try:
        await conn.execute(
            "INSERT INTO commerce.product (id, sku, name, category, price_cents, currency, "
            "prescription_only) VALUES ($1, 'OLD-1', 'Old Kibble', 'FOOD', 999, 'EUR', false)",
            product_id)
        await upgrade(empty_database, "commerce")
        row = await conn.fetchrow("SELECT species, allergens FROM commerce.product WHERE id = $1",
                                  product_id)
    finally:
        await conn.close()
    assert row["species"] is None and row["allergens"] is None  # undeclared, not "none"


async def test_commerce_models_match_the_migrated_schema(empty_database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from persistence.postgres import create_engine
    from subgraphs.commerce.models import SCHEMA, metadata

    await upgrade(empty_database, "commerce")
    engine, _ = create_engine(empty_database, pool_size=1)

    def diff(sync_conn):
        context = MigrationContext.configure(sync_conn, opts={
            "include_schemas": True,
            "include_name": lambda name, type_, parent: type_ != "schema" or name == SCHEMA,
            "include_object": lambda obj, name, type_, reflected, compare_to: (
                type_ != "table" or (obj.schema == SCHEMA and name != "alembic_version"))})
        return compare_metadata(context, metadata)

    try:
        async with engine.connect() as conn:
            changes = await conn.run_sync(diff)
    finally:
        await engine.dispose()
    assert changes == []
