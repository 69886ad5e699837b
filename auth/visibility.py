"""Object-level read rules shared by the subgraphs' repositories (deny by default).

A row about a pet is visible to: admins; the pet's owner (``owner_id`` on the row); accounts
the owner shared the pet with (co-owners, sitters until their grant expires:
``Principal.granted_pet_ids``, see ``auth.grants``; every domain using these rules honours
them); and,
where the domain honours it (``care``: which staff roles), staff whose clinic had a visit
with the pet (``Principal.care_pet_ids``, see ``auth.access``): profiles for all staff
(``ALL_STAFF``: the front desk needs the pet's name), clinical domains (chronic_care,
telehealth, training) for vets and partner clinics (``CLINICAL``). Anything else sees
nothing. Field-level limits (a clinic admin has no ``medical:read``) are scopes, enforced
by the router.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, or_, true
from sqlmodel import col

from auth.principal import Principal, Role

CLINICAL = frozenset({Role.VET, Role.PARTNER})  # clinical data: vets and partner clinics
ALL_STAFF = frozenset({Role.VET, Role.PARTNER, Role.CLINIC_ADMIN})  # + front desk (profiles)


def _cares(principal: Principal, roles: frozenset[Role]) -> bool:
    return bool(principal.care_pet_ids) and any(principal.has_role(r) for r in roles)


def sql_pet_rule(model: Any, principal: Principal, *, care: frozenset[Role] = frozenset()):
    """A WHERE clause for ``model`` (columns ``owner_id`` and ``pet_id``); ``care``: the staff
    roles for which this domain honours the clinic -> patients relation."""
    if principal.is_admin:
        return true()
    rules = []
    if principal.has_role(Role.OWNER) and principal.user_id:
        rules.append(model.owner_id == principal.user_id)
    if _cares(principal, care):
        rules.append(col(model.pet_id).in_(sorted(principal.care_pet_ids)))
    if principal.granted_pet_ids:
        rules.append(col(model.pet_id).in_(sorted(principal.granted_pet_ids)))
    if not rules:
        return false()
    return rules[0] if len(rules) == 1 else or_(*rules)


def mongo_pet_filter(principal: Principal,
                     care: frozenset[Role] = ALL_STAFF) -> dict[str, Any] | None:
    """A MongoDB filter on pet documents (``_id``, ``owner_id``); None = nothing visible."""
    if principal.is_admin:
        return {}
    rules: list[dict[str, Any]] = []
    if principal.has_role(Role.OWNER) and principal.user_id:
        rules.append({"owner_id": principal.user_id})
    if _cares(principal, care):
        rules.append({"_id": {"$in": sorted(principal.care_pet_ids)}})
    if principal.granted_pet_ids:
        rules.append({"_id": {"$in": sorted(principal.granted_pet_ids)}})
    if not rules:
        return None
    return rules[0] if len(rules) == 1 else {"$or": rules}
