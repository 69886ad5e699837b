"""The owner rule of payments' entities: owners see their own rows, admins everything,
others nothing (deny by default)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, true

from auth.principal import Principal, Role


def owned_by(principal: Principal, owner_column: Any):
    """Rows whose ``owner_column`` is ``principal`` (all rows for admins, none for others)."""
    if principal.is_admin:
        return true()
    if principal.has_role(Role.OWNER) and principal.user_id:
        return owner_column == principal.user_id
    return false()
