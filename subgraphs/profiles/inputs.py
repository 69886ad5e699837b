"""profiles input types. None carries the caller's id: the owner comes from the token and
from the stored pet."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum
class PetAccessKind(Enum):
    CO_OWNER = "CO_OWNER"
    SITTER = "SITTER"


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
