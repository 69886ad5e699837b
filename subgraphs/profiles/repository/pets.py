"""profiles queries of pets (MongoDB): reading, registering and editing them.

Reads filter by the principal inside the query (``visible_pets``). Who may change a pet is
decided inside the query too: its owner, an account holding an active co-owner grant
(``pet_grants``), or an admin. The microchip's uniqueness is the unique partial index
``pet_microchip_unique`` (a taken chip fails the write itself).

Writes replace or ``$set`` whole values and carry a ``revision`` (optimistic concurrency):
``replace_pet`` only succeeds when nobody changed the pet since it was read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from auth.principal import Principal, Role
from auth.visibility import mongo_pet_filter
from subgraphs.profiles.models import GRANTS, PETS

CHIP_INDEX = "pet_microchip_unique"


def visible_pets(principal: Principal) -> dict[str, Any] | None:
    """Deny by default: owners see their pets, staff their clinic's patients
    (``auth.access``), admins all; None means nothing is visible."""
    return mongo_pet_filter(principal)


async def pets_by_ids(db, principal: Principal, ids: Sequence[str]) -> list[dict]:
    visible = visible_pets(principal)
    if visible is None or not ids:
        return []
    return await db[PETS].find({"_id": {"$in": list(ids)}, **visible}).to_list(None)


async def pets_by_owner_ids(db, principal: Principal, owner_ids: Sequence[str]) -> list[dict]:
    visible = visible_pets(principal)
    if visible is None or not owner_ids:
        return []
    query = {"owner_id": {"$in": list(owner_ids)}, **visible}
    if "owner_id" in visible:  # an owner asking for several owners sees only their own
        query["owner_id"] = visible["owner_id"] if visible["owner_id"] in owner_ids else "-"
    return await db[PETS].find(query).sort("name", 1).to_list(None)


async def writable_pet(db, principal: Principal, pet_id: str) -> dict | None:
    """The pet if the caller may change it; None also when it does not exist."""
    if principal.is_admin:
        return await db[PETS].find_one({"_id": pet_id})
    if not principal.user_id or not principal.has_role(Role.OWNER):
        return None
    pet = await db[PETS].find_one({"_id": pet_id})
    if pet is None or pet.get("owner_id") == principal.user_id:
        return pet
    grant = await db[GRANTS].find_one({"pet_id": pet_id, "grantee_id": principal.user_id,
                                       "kind": "CO_OWNER", "revoked_at": None})
    return pet if grant is not None and _active(grant) else None


def _active(grant: dict) -> bool:
    expires = grant.get("expires_at")
    if expires is None:
        return True
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    return expires > datetime.now(UTC)


async def insert_pet(db, doc: dict) -> None:
    """Raises ``pymongo.errors.DuplicateKeyError`` when the microchip is taken."""
    await db[PETS].insert_one(doc)


async def replace_pet(db, doc: dict, revision: Any) -> bool:
    """Write ``doc`` if the stored pet still has ``revision``; False when it changed meanwhile.
    Raises ``DuplicateKeyError`` when a new microchip is taken."""
    result = await db[PETS].replace_one({"_id": doc["_id"], "revision": revision}, doc)
    return result.matched_count == 1


async def mark_announced(db, pet_id: str) -> None:
    await db[PETS].update_one({"_id": pet_id}, {"$set": {"announced": True}})


async def unannounced_pets(db, limit: int) -> list[dict]:
    """Registered pets whose stream entry was not added yet (Redis was down)."""
    return await db[PETS].find({"announced": False}, {"_id": 1, "owner_id": 1}).to_list(limit)


async def ensure_pet_indexes(db) -> None:
    await db[PETS].create_index("owner_id")
    await db[PETS].create_index("microchip.value", unique=True, name=CHIP_INDEX,
                                partialFilterExpression={"microchip.value": {"$type": "string"}})
