"""profiles queries of owners (MongoDB). Reads filter by the principal inside the query
(``visible_owners``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auth.principal import Principal
from subgraphs.profiles.models import OWNERS


def visible_owners(principal: Principal) -> dict[str, Any] | None:
    """Deny by default: an account sees its own owner profile, admins all; None means
    nothing is visible."""
    if principal.is_admin:
        return {}
    if principal.user_id:
        return {"_id": principal.user_id}
    return None


async def owners_by_ids(db, principal: Principal, ids: Sequence[str]) -> list[dict]:
    visible = visible_owners(principal)
    if visible is None or not ids:
        return []
    query: dict[str, Any] = {"_id": {"$in": list(ids)}}
    if visible:
        query = {"$and": [query, visible]}
    return await db[OWNERS].find(query).to_list(None)


async def ensure_owner_indexes(db) -> None:
    await db[OWNERS].create_index("email", unique=True)
