"""The bench's stores and data: embedded (or configured) stores, seeded with the demo world
plus one bench-only owner with 500 pets (``kennel@bench.test``).

The demo world (``pawgraph.demo``) is not changed: the bench builds it, then gives 500 of
the generic owners' pets - with their visits, orders, policies, payments - to the kennel
owner, in the bench's own database ``pawgraph_bench``.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pawgraph.demo import World, build_world, demo_uuid
from pawgraph.demo import model as m
from pawgraph.demo.population import DEMO_OWNERS
from pawgraph.settings import Environment, Settings

if TYPE_CHECKING:
    from persistence.embedded import EmbeddedStores

BENCH_DATABASE = "pawgraph_bench"
KENNEL = "kennel@bench.test"
KENNEL_PETS = 500


def bench_world() -> World:
    world = build_world()
    named = {o.id for o in world.owners[:len(DEMO_OWNERS)]}
    kennel = m.Owner(id=demo_uuid("account", KENNEL), name="Bench Kennel", email=KENNEL,
                     phone="+49 151 5000500", city=world.owners[0].city)
    world.owners.append(kennel)
    world.accounts.append(m.Account(kennel.id, KENNEL, kennel.name, ["owner"]))
    moved = [p for p in world.pets if p.owner_id not in named][:KENNEL_PETS]
    if len(moved) < KENNEL_PETS:
        raise RuntimeError("the demo world has too few generic pets for the kennel owner")
    moved_ids = {p.id for p in moved}
    for pet in moved:
        pet.owner_id = kennel.id
    records: list[m.Appointment | m.Consultation | m.Order | m.InsurancePolicy] = [
        *world.appointments, *world.consultations, *world.orders, *world.policies]
    for record in records:
        if record.pet_id in moved_ids:
            record.owner_id = kennel.id
    owned = {a.id for a in world.appointments if a.owner_id == kennel.id}
    owned |= {o.id for o in world.orders if o.owner_id == kennel.id}
    for payment in world.payments:
        if payment.appointment_id in owned or payment.order_id in owned:
            payment.owner_id = kennel.id
    return world


@dataclass
class BenchStores:
    settings: Settings
    world: World
    data_dir: Path
    _embedded: EmbeddedStores | None = None
    _owns_dir: bool = field(default=False)

    def env(self) -> dict[str, str]:
        """Environment for subgraph and router processes over these stores."""
        s = self.settings
        assert (s.postgres.url is not None and s.mongo.url is not None
                and s.redis.url is not None), "open_stores sets every store URL"
        return {**os.environ, "PAWGRAPH_ENV": "test", "PAWGRAPH_DATA_DIR": str(s.data_dir),
                "PAWGRAPH_POSTGRES__URL": s.postgres.url, "PAWGRAPH_MONGO__URL": s.mongo.url,
                "PAWGRAPH_MONGO__DATABASE": s.mongo.database, "PAWGRAPH_REDIS__URL": s.redis.url,
                "PAWGRAPH_REDIS__KEY_PREFIX": s.redis.key_prefix}

    def write_keys(self, directory: Path) -> Path:
        """PEM files for the peer routers: issuer public key, router private key."""
        from auth.keys import load_key, public_pem

        directory.mkdir(parents=True, exist_ok=True)
        (directory / "issuer.pub.pem").write_bytes(public_pem(self.settings, "issuer"))
        router = directory / "router.pem"
        router.write_bytes(load_key(self.settings, "router").private_pem)
        router.chmod(0o600)
        return directory

    def close(self) -> None:
        if self._embedded is not None:
            self._embedded.stop()
        if self._owns_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)


def open_stores(base: Settings) -> BenchStores:
    """Start missing stores (embedded, under a temporary directory), migrate and seed."""
    from pawgraph.stores import start_missing

    data_dir = Path(tempfile.mkdtemp(prefix="pawgraph-bench-"))
    data_dir.chmod(0o755)  # the embedded PostgreSQL runs as its own user when we are root
    settings = base.model_copy(update={"env": Environment.TEST, "data_dir": data_dir})
    world = bench_world()  # before any server starts: nothing to clean up if this fails
    try:
        urls, embedded = start_missing(settings, data_dir)
    except BaseException:
        shutil.rmtree(data_dir, ignore_errors=True)
        raise
    stores = BenchStores(settings, world, data_dir, embedded, True)
    try:
        stores.settings = asyncio.run(_prepare(settings, urls, stores.world))
        from auth.keys import load_key

        for name in ("issuer", "router"):  # create the dev keys once, before any process starts
            load_key(stores.settings, name)
    except BaseException:
        stores.close()
        raise
    return stores


async def _prepare(settings: Settings, urls: dict[str, str], world: World) -> Settings:
    from pawgraph.demo.seed import seed_all
    from pawgraph.provision import migrate_all
    from pawgraph.stores import with_urls
    from persistence.mongo import drop_database as drop_mongo_database
    from persistence.postgres import drop_database, ensure_database

    await drop_database(urls["postgres"], BENCH_DATABASE)
    db_url = await ensure_database(urls["postgres"], BENCH_DATABASE)
    ready = with_urls(settings, postgres=db_url, mongo=urls["mongo"], redis=urls["redis"],
                      mongo_database=BENCH_DATABASE, redis_prefix=f"{BENCH_DATABASE}:")
    assert ready.mongo.url is not None, "with_urls sets it"
    await drop_mongo_database(ready.mongo.url, ready.mongo.database)
    await migrate_all(ready)
    await seed_all(ready, world)
    return ready

