"""profiles GraphQL types for sharing: emergency links, the emergency summary, access grants.

``EmergencySummary`` is a value type, not an entity: it has no key and no link to ``Pet``,
so the holder of an emergency token can reach nothing else through the graph.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from subgraphs.profiles.errors import ProfileErrorCode as Code
from subgraphs.profiles.errors import Problem
from subgraphs.profiles.inputs import PetAccessKind
from subgraphs.profiles.sharing import EmergencyView, aware
from subgraphs.profiles.types import (Allergy, Condition, Microchip, MicrochipKind, Species,
                                      Vaccination, medical_record)

ProfileErrorCode = strawberry.enum(Enum("ProfileErrorCode", {c.name: c.value for c in Code}),
                                   name="ProfileErrorCode")


@strawberry.type
class ProfileError:
    code: ProfileErrorCode  # type: ignore[valid-type]
    field: str | None
    message: str

    @classmethod
    def from_problem(cls, problem: Problem) -> "ProfileError":
        return cls(code=ProfileErrorCode(problem.code.value), field=problem.field,
                   message=problem.message)


def errors_of(problems: list[Problem]) -> list[ProfileError]:
    return [ProfileError.from_problem(p) for p in problems]


@strawberry.type(description="An emergency QR link of a pet (the token is shown only once).")
class EmergencyLink:
    id: strawberry.ID
    pet_id: strawberry.ID
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    @classmethod
    def from_doc(cls, doc: dict) -> "EmergencyLink":
        return cls(id=strawberry.ID(doc["_id"]), pet_id=strawberry.ID(doc["pet_id"]),
                   created_at=aware(doc["created_at"]), expires_at=aware(doc["expires_at"]),
                   revoked_at=aware(doc.get("revoked_at")))


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
class Medication:
    name: str
    dose: str | None
    frequency: str | None


@strawberry.type
class EmergencyContact:
    name: str
    phone: str | None
    email: str | None


@strawberry.type(description="What a first responder needs, read with an emergency link.")
class EmergencySummary:
    pet_name: str
    species: Species
    breed: str
    birth_date: date | None
    weight_kg: float | None
    microchip: Microchip | None
    allergies: list[Allergy]
    conditions: list[Condition]
    medications: list[Medication]
    vaccinations: list[Vaccination]
    owner_contact: EmergencyContact | None
    link_expires_at: datetime

    @classmethod
    def from_view(cls, view: EmergencyView) -> "EmergencySummary":
        from subgraphs.profiles.types import Pet

        pet, record = Pet.from_doc(view.pet), medical_record(view.pet)
        meds = (view.pet.get("medical") or {}).get("medications", [])
        owner, chip, weights = view.owner, view.pet.get("microchip"), view.pet.get("weights")
        return cls(pet_name=pet.name, species=pet.species, breed=pet.breed,
                   birth_date=pet.birth_date, weight_kg=weights[-1]["kg"] if weights else None,
                   microchip=Microchip(kind=MicrochipKind(chip["kind"]), value=chip["value"])
                   if chip else None, allergies=record.allergies,
                   conditions=record.conditions, vaccinations=record.vaccinations,
                   medications=[Medication(name=m["name"], dose=m.get("dose"),
                                           frequency=m.get("frequency")) for m in meds],
                   owner_contact=EmergencyContact(name=owner["name"], phone=owner.get("phone"),
                                                  email=owner.get("email")) if owner else None,
                   link_expires_at=aware(view.link["expires_at"]))


@strawberry.type(description="Access to a pet shared by its owner.")
class PetAccessGrant:
    id: strawberry.ID
    pet_id: strawberry.ID
    grantee_id: strawberry.ID
    kind: PetAccessKind
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def from_doc(cls, doc: dict) -> "PetAccessGrant":
        return cls(id=strawberry.ID(doc["_id"]), pet_id=strawberry.ID(doc["pet_id"]),
                   grantee_id=strawberry.ID(doc["grantee_id"]), kind=PetAccessKind(doc["kind"]),
                   created_at=aware(doc["created_at"]), expires_at=aware(doc.get("expires_at")),
                   revoked_at=aware(doc.get("revoked_at")))


@strawberry.type
class PetAccessGrantPayload:
    grant: PetAccessGrant | None
    errors: list[ProfileError]


@strawberry.type
class PetAccessRevokePayload:
    grant: PetAccessGrant | None
    errors: list[ProfileError]
