"""profiles queries for emergency links and pet access grants (MongoDB).

Management reads are filtered by the caller inside the query (the pet's owner, or an admin;
deny by default: ``visible_links``, ``visible_grants``, and ``managed_pet`` for the pet to
share). ``link_by_token_hash`` is the one unfiltered read: holding the token is the
authorisation (``service.sharing`` checks expiry and revocation).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from auth.principal import Principal, Role
from subgraphs.profiles.models import EMERGENCY_LINKS, GRANTS, OWNERS, PETS


def _managed_by(principal: Principal) -> dict[str, Any] | None:
    """Filter on ``owner_id`` of rows the caller manages; None = nothing."""
    if principal.is_admin:
        return {}
    if principal.has_role(Role.OWNER) and principal.user_id:
        return {"owner_id": principal.user_id}
    return None


def visible_links(principal: Principal) -> dict[str, Any] | None:
    """Emergency links the caller manages: those of the pets they own (admins: all)."""
    return _managed_by(principal)


def visible_grants(principal: Principal) -> dict[str, Any] | None:
    """Access grants the caller manages: those of the pets they own (admins: all)."""
    return _managed_by(principal)


async def managed_pet(db, principal: Principal, pet_id: str) -> dict | None:
    """The pet if the caller may share it (its owner, or an admin)."""
    managed = _managed_by(principal)
    if managed is None:
        return None
    return await db[PETS].find_one({"_id": pet_id, **managed})


async def insert_link(db, doc: dict) -> None:
    await db[EMERGENCY_LINKS].insert_one(doc)


async def link_by_token_hash(db, token_hash: str) -> dict | None:
    return await db[EMERGENCY_LINKS].find_one({"token_hash": token_hash})


async def managed_link(db, principal: Principal, link_id: str) -> dict | None:
    managed = visible_links(principal)
    if managed is None:
        return None
    return await db[EMERGENCY_LINKS].find_one({"_id": link_id, **managed})


async def revoke_link(db, link_id: str, now: datetime) -> None:
    await db[EMERGENCY_LINKS].update_one({"_id": link_id, "revoked_at": None},
                                         {"$set": {"revoked_at": now}})


async def pet_for_link(db, pet_id: str) -> dict | None:
    """Read authorised by a valid emergency link (no principal)."""
    return await db[PETS].find_one({"_id": pet_id})


async def owner_for_link(db, owner_id: str) -> dict | None:
    """Read authorised by a valid emergency link (no principal)."""
    return await db[OWNERS].find_one({"_id": owner_id})


async def insert_grant(db, doc: dict) -> None:
    await db[GRANTS].insert_one(doc)


async def delete_grant(db, grant_id: str) -> None:
    await db[GRANTS].delete_one({"_id": grant_id})


async def managed_grant(db, principal: Principal, grant_id: str) -> dict | None:
    managed = visible_grants(principal)
    if managed is None:
        return None
    return await db[GRANTS].find_one({"_id": grant_id, **managed})


async def grants_of_pair(db, pet_id: str, grantee_id: str) -> list[dict]:
    """Every unrevoked grant of ``pet_id`` to ``grantee_id`` (expiry checked by the caller)."""
    return await db[GRANTS].find({"pet_id": pet_id, "grantee_id": grantee_id,
                                  "revoked_at": None}).to_list(None)


async def grants_of_pets(db, principal: Principal, pet_ids: list[str]) -> list[dict]:
    managed = visible_grants(principal)
    if managed is None or not pet_ids:
        return []
    query = {"pet_id": {"$in": pet_ids}, "revoked_at": None, **managed}
    return await db[GRANTS].find(query).sort("created_at", 1).to_list(None)


async def revoke_grant(db, grant_id: str, now: datetime) -> None:
    await db[GRANTS].update_one({"_id": grant_id, "revoked_at": None},
                                {"$set": {"revoked_at": now}})


async def ensure_sharing_indexes(db) -> None:
    await db[EMERGENCY_LINKS].create_index("token_hash", unique=True)
    await db[EMERGENCY_LINKS].create_index("pet_id")
    await db[GRANTS].create_index([("pet_id", 1), ("grantee_id", 1)])
