"""Every profiles statement to MongoDB, by entity; reads filter by the principal inside the
query (one hook per entity: ``visible_pets``, ``visible_owners``, ``visible_links``,
``visible_grants``).

- ``pets``: reading, registering and editing pets (and their stream announcement flag);
- ``owners``: owner profiles;
- ``sharing``: emergency links and access grants.
"""

from __future__ import annotations

from subgraphs.profiles.repository.owners import ensure_owner_indexes
from subgraphs.profiles.repository.pets import ensure_pet_indexes
from subgraphs.profiles.repository.sharing import ensure_sharing_indexes


async def ensure_indexes(db) -> None:
    """Create every profiles index (idempotent; ``subgraphs.profiles.migrate``)."""
    await ensure_pet_indexes(db)
    await ensure_owner_indexes(db)
    await ensure_sharing_indexes(db)
