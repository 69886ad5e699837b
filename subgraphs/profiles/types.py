"""profiles GraphQL types: Owner and Pet entities, the medical record value types."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from subgraphs.profiles import service
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
        return service.is_overdue(self.due_on, datetime.now(UTC).date())


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
        vaccinations=[Vaccination(name=v["name"], administered_on=_date(v["administered_on"]),
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
        doc = await info.context.loaders.pet_by_id.load(id)
        return cls.from_doc(doc) if doc else None

    @strawberry.field
    def age_years(self) -> float | None:
        return service.age_years(self.birth_date, datetime.now(UTC).date()) if self.birth_date else None

    @strawberry.field
    def weight_history(self) -> list[WeightEntry]:
        return [WeightEntry(recorded_on=_date(w["on"]), kg=w["kg"]) for w in self.doc.get("weights", [])]

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
        return then(info.context.loaders.owner_by_id.load(self.doc["owner_id"]), _owner)


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
        doc = await info.context.loaders.owner_by_id.load(id)
        return cls.from_doc(doc) if doc else None

    @strawberry.field
    def pets(self, info: Info) -> list[Pet]:
        return then(info.context.loaders.pets_by_owner_id.load(self.id),
                    each(Pet.from_doc))


_owner = optional(Owner.from_doc)
