"""profiles mutation payloads: the pet, link or grant (or null) and the payload errors."""

from __future__ import annotations

import strawberry

from subgraphs.profiles.errors import ProfileErrorCode
from subgraphs.profiles.types import EmergencyLink, Pet, PetAccessGrant
from subgraphs.shared.payloads import Failure, PayloadError, payload_error


@payload_error(ProfileErrorCode)
class ProfileError(PayloadError):
    """Why a mutation of this domain changed nothing (``code``, input ``field``, ``message``)."""


def errors_of(failures: list[Failure]) -> list[ProfileError]:
    """A payload's ``errors`` from a service's failures (``[]`` on success)."""
    return [ProfileError.of(f) for f in failures]


@strawberry.type
class PetRegisterPayload:
    pet: Pet | None
    errors: list[ProfileError]


@strawberry.type
class PetUpdatePayload:
    pet: Pet | None
    errors: list[ProfileError]


@strawberry.type
class PetWeightRecordPayload:
    pet: Pet | None
    errors: list[ProfileError]


@strawberry.type
class PetEmergencyLinkCreatePayload:
    link: EmergencyLink | None
    token: str | None = strawberry.field(description="Shown once; only its hash is stored.")
    url: str | None
    errors: list[ProfileError]


@strawberry.type
class PetEmergencyLinkRevokePayload:
    link: EmergencyLink | None
    errors: list[ProfileError]


@strawberry.type
class PetAccessGrantPayload:
    grant: PetAccessGrant | None
    errors: list[ProfileError]


@strawberry.type
class PetAccessRevokePayload:
    grant: PetAccessGrant | None
    errors: list[ProfileError]
