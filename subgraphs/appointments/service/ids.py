"""The ids of this API: canonical lowercase UUID strings. No GraphQL."""

from __future__ import annotations

import uuid


def is_uuid(value: str) -> bool:
    """Canonical lowercase UUID strings only (the ids of this API)."""
    try:
        return str(uuid.UUID(value)) == value
    except (ValueError, AttributeError, TypeError):
        return False
