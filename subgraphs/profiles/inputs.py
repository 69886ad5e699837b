"""profiles input types. None carries the caller's id: the owner comes from the token and
from the stored pet."""

from __future__ import annotations

from datetime import date

import strawberry

from subgraphs.profiles.types import PetAccessKind, Sex, Species


@strawberry.input
class PetEmergencyLinkCreateInput:
    pet_id: strawberry.ID
    expires_in_hours: int = 24


@strawberry.input
class PetEmergencyLinkRevokeInput:
    link_id: strawberry.ID


@strawberry.input(description="Share a pet with another account: a co-owner until revoked, "
                              "a sitter until `expiresInHours` pass (required, at most 720).")
class PetAccessGrantInput:
    pet_id: strawberry.ID
    grantee_id: strawberry.ID
    kind: PetAccessKind
    expires_in_hours: int | None = None


@strawberry.input
class PetAccessRevokeInput:
    grant_id: strawberry.ID


@strawberry.input(description="A new pet of the calling owner. `microchip`: 15 digits "
                              "(ISO 11784/11785) or 9-10 letters/digits (legacy); spaces and "
                              "dashes are ignored. `weightKg`: the first weight entry (today).")
class PetRegisterInput:
    name: str
    species: Species
    breed: str | None = None
    sex: Sex | None = None
    neutered: bool | None = None
    birth_date: date | None = None
    microchip: str | None = None
    weight_kg: float | None = None


@strawberry.input(description="Only the fields sent change; `birthDate`/`microchip`: null "
                              "clears them.")
class PetUpdateInput:
    pet_id: strawberry.ID
    name: str | None = strawberry.UNSET
    species: Species | None = strawberry.UNSET
    breed: str | None = strawberry.UNSET
    sex: Sex | None = strawberry.UNSET
    neutered: bool | None = strawberry.UNSET
    birth_date: date | None = strawberry.UNSET
    microchip: str | None = strawberry.UNSET


@strawberry.input(description="One weighing (`recordedOn` defaults to today, not in the "
                              "future; 0 < kg <= 200).")
class PetWeightRecordInput:
    pet_id: strawberry.ID
    kg: float
    recorded_on: date | None = None
