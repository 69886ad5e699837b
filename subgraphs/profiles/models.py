"""profiles document shapes (MongoDB): collections ``owners``, ``pets``, ``emergency_links``
(an emergency QR link: only the SHA-256 of its token is stored) and ``pet_grants`` (an
owner sharing a pet with another account: co-owner or sitter).

Documents are keyed by canonical UUID strings (``_id``); dates are ISO-8601 strings. A pet
embeds its medical record (vaccinations, allergies, conditions) and its weight history.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

OWNERS = "owners"
PETS = "pets"
EMERGENCY_LINKS = "emergency_links"
GRANTS = "pet_grants"


class MicrochipDoc(TypedDict):
    kind: str  # ISO_11784 (15 digits) | LEGACY (9/10 characters)
    value: str


class PetDoc(TypedDict, total=False):
    _id: str
    owner_id: str
    name: str
    species: str
    breed: str
    sex: str
    neutered: bool
    birth_date: str
    weights: list[dict]
    microchip: MicrochipDoc | None
    medical: dict


class OwnerDoc(TypedDict, total=False):
    _id: str
    name: str
    email: str
    phone: str
    city: str


class EmergencyLinkDoc(TypedDict):
    _id: str
    pet_id: str
    owner_id: str       # the pet's owner when the link was made
    created_by: str     # the account that made it (the owner, or an admin)
    token_hash: str     # sha256 hex of the token; the token itself is never stored
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


class GrantDoc(TypedDict):
    _id: str
    pet_id: str
    owner_id: str
    grantee_id: str
    kind: str           # CO_OWNER | SITTER
    created_at: datetime
    expires_at: datetime | None  # None for co-owners
    revoked_at: datetime | None
