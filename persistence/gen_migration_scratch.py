import asyncio, sys
from pathlib import Path
from persistence.embedded import EmbeddedStores
from persistence.migrations import autogenerate, upgrade
from persistence.postgres import ensure_database
s = EmbeddedStores(Path('/tmp/emb/gen'))
base = s.start_postgres()
async def main():
    url = await ensure_database(base, 'gen')
    for name in sys.argv[1:]:
        await upgrade(url, name)
        await autogenerate(url, name, 'initial')
        await upgrade(url, name)
try:
    asyncio.run(main())
finally:
    s.stop()
