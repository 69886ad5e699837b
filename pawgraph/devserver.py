"""`pawgraph dev`: embedded stores + migrations + demo data + seven domain subgraphs + accounts + router.

Stores whose URL is configured are used as they are; the others are started embedded under
the data directory. On the first start the demo world is seeded. The router serves
``http://HOST:PORT/graphql`` (and ``/health``) and calls the subgraphs in process. Ctrl-C or
SIGTERM stops the HTTP server, the subgraphs and every embedded server that was started.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import time
from pathlib import Path

import uvicorn

from pawgraph.settings import Settings
from pawgraph.stores import start_missing, with_urls

DEV_DATABASE = "pawgraph"


async def prepare(settings: Settings, urls: dict[str, str]) -> tuple[Settings, dict]:
    """Create the database, migrate, seed on first start; returns the ready settings."""
    from pawgraph.demo.seed import is_seeded, seed_all
    from pawgraph.provision import migrate_all
    from persistence.postgres import ensure_database

    db_url = urls["postgres"]
    if not settings.postgres.url:  # embedded server: our own database on it
        db_url = await ensure_database(urls["postgres"], DEV_DATABASE)
    ready = with_urls(settings, postgres=db_url, mongo=urls["mongo"], redis=urls["redis"],
                      mqtt=urls["mqtt"])
    await migrate_all(ready)
    counts: dict = {}
    if not await is_seeded(ready):
        counts = await seed_all(ready)
    return ready, counts


def _write_state(data_dir: Path, settings: Settings, url: str) -> None:
    state = {"graphql": url, "postgres": settings.postgres.url, "mongo": settings.mongo.url,
             "redis": settings.redis.url, "mqtt": settings.mqtt.url}
    (data_dir / "dev.json").write_text(json.dumps(state, indent=2))


class _Server(uvicorn.Server):
    """uvicorn's Server; signals are ours (loop handlers -> graceful exit, cleanup after)."""

    @contextlib.contextmanager
    def capture_signals(self):
        yield


async def _serve(settings: Settings, urls: dict[str, str], host: str, port: int,
                 started: float) -> None:
    from pawgraph.assembly import Platform, compose_supergraph
    from pawgraph.processes import tune_gc

    ready, counts = await prepare(settings, urls)
    if counts:
        print(f"pawgraph: seeded demo data {json.dumps(counts)}", flush=True)
    platform = await Platform(ready, compose_supergraph()).start()
    tune_gc()
    server = _Server(uvicorn.Config(platform.router_app, host=host, port=port, lifespan="off",
                                    log_level="warning"))
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, server.handle_exit, sig, None)
    url = f"http://{host}:{port}/graphql"

    async def announce() -> None:
        while not server.started and not server.should_exit:
            await asyncio.sleep(0.02)
        if server.started:
            _write_state(ready.data_dir, ready, url)
            print(f"pawgraph: ready in {time.monotonic() - started:.1f}s - GraphQL at {url}",
                  flush=True)

    try:
        announcer = asyncio.create_task(announce())
        await server.serve()
        await announcer
        if not server.started:
            raise SystemExit(f"pawgraph: could not listen on {host}:{port}")
    finally:
        await platform.stop()
        (ready.data_dir / "dev.json").unlink(missing_ok=True)


def run(settings: Settings, host: str, port: int) -> None:
    started = time.monotonic()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    urls, embedded = start_missing(settings, settings.data_dir)
    try:
        asyncio.run(_serve(settings, urls, host, port, started))
    except KeyboardInterrupt:
        pass
    finally:
        embedded.stop()
        print("pawgraph: stopped", flush=True)
