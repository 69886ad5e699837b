"""Who is calling: the principal every layer sees (router, subgraphs, services)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"
    VET = "vet"
    CLINIC_ADMIN = "clinic_admin"
    PARTNER = "partner"
    ADMIN = "admin"


@dataclass(frozen=True)
class Principal:
    user_id: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    scopes: frozenset[str] = field(default_factory=frozenset)
    # Vets, clinic admins and partners act for one clinic (an appointments-owned id).
    clinic_id: str | None = None
    # The client's network address as the router saw it (login/emergency rate limits only).
    address: str | None = field(default=None, compare=False)
    # Pets visible beyond ownership, resolved per request by the subgraph (auth.access):
    # for staff, their clinic's patients. Never carried in a token.
    care_pet_ids: frozenset[str] = field(default_factory=frozenset, compare=False)
    # Pets an owner shared with this account (co-owner / unexpired sitter grants, see
    # auth.grants), resolved per request by the subgraph. Never carried in a token.
    granted_pet_ids: frozenset[str] = field(default_factory=frozenset, compare=False)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.roles

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    def has_scope(self, scope: str) -> bool:
        return str(scope) in self.scopes

    @property
    def staff_clinic_id(self) -> str | None:
        """The clinic a vet / clinic admin / partner acts for (None for everyone else)."""
        staff = (Role.VET, Role.CLINIC_ADMIN, Role.PARTNER)
        return self.clinic_id if any(self.has_role(r) for r in staff) else None


ANONYMOUS = Principal()
