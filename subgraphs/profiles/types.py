"""profiles GraphQL types: Owner and Pet entities, the medical record value types, and the
sharing types (emergency links, the emergency summary, access grants).

``EmergencySummary`` is a value type, not an entity: it has no key and no link to ``Pet``,
so the holder of an emergency token can reach nothing else through the graph.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from subgraphs.profiles.context import loaders
from subgraphs.profiles.service import records
from subgraphs.profiles.service.sharing import EmergencyView, aware
from subgraphs.shared.resolving import each, optional, then
from subgraphs.shared.species import Species


@strawberry.enum
class Sex(Enum):
    FEMALE = "FEMALE"
    MALE = "MALE"
    UNKNOWN = "UNKNOWN"


@strawberry.enum
class MicrochipKind(Enum):
    ISO_11784 = "ISO_11784"
    LEGACY = "LEGACY"


@strawberry.enum
class PetAccessKind(Enum):
    CO_OWNER = "CO_OWNER"
    SITTER = "SITTER"


@strawberry.enum
class Severity(Enum):
    MILD = "MILD"
    MODERATE = "MODERATE"
    SEVERE = "SEVERE"


@strawberry.type
class Microchip:
    kind: MicrochipKind
    value: str


@strawberry.type
class WeightEntry:
    recorded_on: date
    kg: float


@strawberry.type
class Vaccination:
    name: str
    administered_on: date
    due_on: date | None

    @strawberry.field
    def overdue(self) -> bool:
        return records.is_overdue(self.due_on, datetime.now(UTC).date())


@strawberry.type
class Allergy:
    allergen: str
    severity: Severity
    reaction: str | None


@strawberry.type
class Condition:
    name: str
    diagnosed_on: date | None
    status: str


@strawberry.type
class MedicalRecord:
    vaccinations: list[Vaccination]
    allergies: list[Allergy]
    conditions: list[Condition]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def medical_record(doc: dict) -> MedicalRecord:
    med = doc.get("medical") or {}
    return MedicalRecord(
        vaccinations=[Vaccination(name=v["name"], administered_on=date.fromisoformat(v["administered_on"]),
                                  due_on=_date(v.get("due_on")))
                      for v in med.get("vaccinations", [])],
        allergies=[Allergy(allergen=a["allergen"], severity=Severity(a["severity"]),
                           reaction=a.get("reaction")) for a in med.get("allergies", [])],
        conditions=[Condition(name=c["name"], diagnosed_on=_date(c.get("diagnosed_on")),
                              status=c.get("status", "ACTIVE")) for c in med.get("conditions", [])])


@strawberry.federation.type(keys=["id"])
class Pet:
    id: strawberry.ID
    name: str
    species: Species
    breed: str
    sex: Sex
    neutered: bool
    birth_date: date | None
    doc: strawberry.Private[dict]

    @classmethod
    def from_doc(cls, doc: dict) -> "Pet":
        return cls(id=strawberry.ID(doc["_id"]), name=doc["name"], species=Species(doc["species"]),
                   breed=doc.get("breed", ""), sex=Sex(doc.get("sex", "UNKNOWN")),
                   neutered=bool(doc.get("neutered")), birth_date=_date(doc.get("birth_date")),
                   doc=doc)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Pet | None":
        doc = await loaders(info).pet_by_id.load(id)
        return cls.from_doc(doc) if doc else None

    @strawberry.field
    def age_years(self) -> float | None:
        return records.age_years(self.birth_date, datetime.now(UTC).date()) if self.birth_date else None

    @strawberry.field
    def weight_history(self) -> list[WeightEntry]:
        return [WeightEntry(recorded_on=date.fromisoformat(w["on"]), kg=w["kg"])
                for w in self.doc.get("weights", [])]

    @strawberry.field(description="The most recent recorded weight in kilograms.")
    def weight_kg(self) -> float | None:
        weights = self.doc.get("weights") or []
        return weights[-1]["kg"] if weights else None

    @strawberry.field
    def microchip(self) -> Microchip | None:
        chip = self.doc.get("microchip")
        return Microchip(kind=MicrochipKind(chip["kind"]), value=chip["value"]) if chip else None

    @strawberry.federation.field(requires_scopes=[["medical:read"]],
                                 description="Null for callers without `medical:read`.")
    def medical_record(self) -> MedicalRecord | None:
        return medical_record(self.doc)

    @strawberry.field
    def owner(self, info: Info) -> "Owner | None":
        return then(loaders(info).owner_by_id.load(self.doc["owner_id"]), _owner)


@strawberry.federation.type(keys=["id"])
class Owner:
    id: strawberry.ID
    name: str
    email: str
    phone: str | None
    city: str | None

    @classmethod
    def from_doc(cls, doc: dict) -> "Owner":
        return cls(id=strawberry.ID(doc["_id"]), name=doc["name"], email=doc["email"],
                   phone=doc.get("phone"), city=doc.get("city"))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Owner | None":
        doc = await loaders(info).owner_by_id.load(id)
        return cls.from_doc(doc) if doc else None

    @strawberry.field
    def pets(self, info: Info) -> list[Pet]:
        return then(loaders(info).pets_by_owner_id.load(self.id),
                    each(Pet.from_doc))


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


_owner = optional(Owner.from_doc)
