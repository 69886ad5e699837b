"""Developer tool: autogenerate the initial/next Alembic revision for SQL schemas.

    .venv/bin/python -m persistence.gen_migration_scratch NAME [NAME ...]

Starts a throwaway embedded PostgreSQL, upgrades each schema to head, autogenerates a
revision from its models (message "initial" or $MSG), and upgrades again to prove it applies.
"""

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

from persistence.embedded import EmbeddedStores
from persistence.migrations import autogenerate, upgrade
from persistence.postgres import ensure_database


async def _main(base: str, names: list[str]) -> None:
    url = await ensure_database(base, "gen")
    for name in names:
        await upgrade(url, name)
        await autogenerate(url, name, os.environ.get("MSG", "initial"))
        await upgrade(url, name)


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="pawgraph-gen-"))
    stores = EmbeddedStores(scratch)
    try:
        asyncio.run(_main(stores.start_postgres(), sys.argv[1:]))
    finally:
        stores.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
