"""profiles document shapes (MongoDB): collections ``owners`` and ``pets``.

Documents are keyed by canonical UUID strings (``_id``); dates are ISO-8601 strings. A pet
embeds its medical record (vaccinations, allergies, conditions) and its weight history.
"""

from __future__ import annotations

from typing import TypedDict

OWNERS = "owners"
PETS = "pets"


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
