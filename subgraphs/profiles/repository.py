"""All profiles queries (MongoDB). Reads filter by the principal inside the query."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auth.principal import Principal
from auth.visibility import mongo_pet_filter
from subgraphs.profiles.models import OWNERS, PETS


def pet_filter(principal: Principal) -> dict[str, Any] | None:
    """Deny by default: owners see their pets, staff their clinic's patients
    (``auth.access``), admins all; None means nothing is visible."""
    return mongo_pet_filter(principal)


def owner_filter(principal: Principal) -> dict[str, Any] | None:
    if principal.is_admin:
        return {}
    if principal.user_id:
        return {"_id": principal.user_id}
    return None


async def pets_by_ids(db, principal: Principal, ids: Sequence[str]) -> list[dict]:
    visible = pet_filter(principal)
    if visible is None or not ids:
        return []
    return await db[PETS].find({"_id": {"$in": list(ids)}, **visible}).to_list(None)


async def pets_by_owner_ids(db, principal: Principal, owner_ids: Sequence[str]) -> list[dict]:
    visible = pet_filter(principal)
    if visible is None or not owner_ids:
        return []
    query = {"owner_id": {"$in": list(owner_ids)}, **visible}
    if "owner_id" in visible:  # an owner asking for several owners sees only their own
        query["owner_id"] = visible["owner_id"] if visible["owner_id"] in owner_ids else "-"
    return await db[PETS].find(query).sort("name", 1).to_list(None)


async def owners_by_ids(db, principal: Principal, ids: Sequence[str]) -> list[dict]:
    visible = owner_filter(principal)
    if visible is None or not ids:
        return []
    query = {"_id": {"$in": list(ids)}}
    if visible:
        query = {"$and": [query, visible]}
    return await db[OWNERS].find(query).to_list(None)


async def ensure_indexes(db) -> None:
    from subgraphs.profiles.pet_repository import ensure_pet_indexes
    from subgraphs.profiles.sharing_repository import ensure_sharing_indexes

    await db[PETS].create_index("owner_id")
    await db[OWNERS].create_index("email", unique=True)
    await ensure_sharing_indexes(db)
    await ensure_pet_indexes(db)
