"""Session fixtures: real stores (embedded or by URL), one fresh database per test session.

Set PAWGRAPH_POSTGRES__URL / PAWGRAPH_MONGO__URL / PAWGRAPH_REDIS__URL / PAWGRAPH_MQTT__URL to
run against external servers (MQTT topics and the consumer's client id get a per-session prefix); unset ones are started embedded under a temporary directory. A store that
cannot be reached fails the tests that need it; nothing is skipped.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from auth.keys import load_key
from auth.router_identity import IdentitySigner
from pawgraph.demo import World, build_world
from pawgraph.settings import Environment, Settings
from pawgraph.stores import start_missing, with_urls
from persistence.migrations import SQL_SCHEMAS
from persistence.mongo import drop_database as drop_mongo_database
from persistence.postgres import drop_database, ensure_database
from tests.support.sql_isolation import SqlBaseline
from tests.support.subgraph_client import SubgraphClient
from tests.support.watchdog import pytest_configure, pytest_runtest_protocol  # noqa: F401 - hooks


@pytest.fixture(scope="session")
def run_id() -> str:
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def base_settings():
    # Not under pytest's tmp dirs: those are 0700 and the embedded PostgreSQL runs as its own
    # system user when the suite runs as root.
    data_dir = Path(tempfile.mkdtemp(prefix="pawgraph-test-"))
    data_dir.chmod(0o755)
    yield Settings(env=Environment.TEST, data_dir=data_dir)
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def servers(base_settings: Settings):
    urls, embedded = start_missing(base_settings, base_settings.data_dir)
    yield urls
    embedded.stop()


@pytest.fixture(scope="session")
def world() -> World:
    return build_world()


@dataclass(frozen=True)
class SessionStores:
    settings: Settings
    sql: SqlBaseline  # the SQL schemas as seeded, and what tests wrote since


@pytest.fixture(scope="session")
async def session_stores(base_settings: Settings, servers: dict[str, str], run_id: str,
                         world: World):
    """The session's database (migrated, seeded, its SQL baseline recorded) on the stores."""
    from pawgraph.demo.seed import seed_all
    from pawgraph.provision import migrate_all

    database = f"pawgraph_test_{run_id}"
    db_url = await ensure_database(servers["postgres"], database)
    configured = with_urls(base_settings, postgres=db_url, mongo=servers["mongo"],
                           redis=servers["redis"], mongo_database=database,
                           redis_prefix=f"{database}:", mqtt=servers["mqtt"],
                           mqtt_namespace=f"pawgraph-test-{run_id}")
    # One MQTT consumer at a time: tests that ingest over MQTT start their own chronic_care app.
    # Wearable samples in tests are dated in 2031, out of reach of the demo data and of the
    # real clock's sweep: the future bound is widened here (tests of the bound set their own).
    configured = configured.model_copy(update={
        "mqtt": configured.mqtt.model_copy(update={"ingest": False}),
        "wearables": configured.wearables.model_copy(
            update={"max_clock_skew_minutes": 20 * 366 * 24 * 60})})
    try:
        await migrate_all(configured)
        await seed_all(configured, world)
        sql = await SqlBaseline.capture(db_url, SQL_SCHEMAS)
        try:
            yield SessionStores(configured, sql)
        finally:
            await sql.close()
    finally:
        try:
            await drop_mongo_database(configured.mongo.url, configured.mongo.database)
        finally:
            try:
                await drop_database(servers["postgres"], database)
            finally:
                await _drop_redis_keys(configured.redis.url, configured.redis.key_prefix)


@pytest.fixture(scope="session")
def settings(session_stores: SessionStores) -> Settings:
    return session_stores.settings


async def _drop_redis_keys(url: str, prefix: str) -> None:
    """The session's keys (caches, streams, leases) on a Redis that outlives it."""
    import re

    from persistence.redis import create_client

    if not prefix.startswith("pawgraph_test_"):  # never a namespace the session does not own
        raise ValueError(f"refusing to delete Redis keys under {prefix!r}")
    prefix = re.sub(r"([*?\[\]\\])", r"\\\1", prefix)  # glob characters taken literally
    client = create_client(url)
    try:
        batch = []
        async for key in client.scan_iter(match=f"{prefix}*", count=500):
            batch.append(key)
            if len(batch) == 500:
                await client.unlink(*batch)
                batch.clear()
        if batch:
            await client.unlink(*batch)
    finally:
        await client.aclose()


@pytest.fixture(scope="session")
def identity_signer(settings: Settings) -> IdentitySigner:
    return IdentitySigner(load_key(settings, "router"))


@pytest.fixture(scope="session")
def subgraph_client(settings: Settings, identity_signer: IdentitySigner):
    from subgraphs.registry import create_app

    @asynccontextmanager
    async def open_client(name: str, with_settings: Settings | None = None):
        app = create_app(name, with_settings or settings)
        async with app.router.lifespan_context(app):
            yield SubgraphClient(name, app, identity_signer)

    return open_client
