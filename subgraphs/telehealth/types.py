"""telehealth GraphQL types: Consultation entity; Pet extended with consultations; Vet stub."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from subgraphs.shared.resolving import each, then
from subgraphs.telehealth import models
from subgraphs.telehealth.context import loaders
from subgraphs.telehealth.service import paging, rooms


@strawberry.enum
class ConsultationStatus(Enum):
    SCHEDULED = "SCHEDULED"
    IN_PROGRESS = "IN_PROGRESS"
    ENDED = "ENDED"
    CANCELLED = "CANCELLED"


@strawberry.federation.type(keys=["id"])
class Vet:
    """Owned by appointments; telehealth only references it."""

    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> "Vet":
        return cls(id=id)


@strawberry.type(description="A chat message of a consultation.")
class Message:
    id: strawberry.ID
    body: str
    sent_at: datetime
    author_id: strawberry.ID = strawberry.field(description="The account that wrote it.")
    consultation_id: strawberry.ID

    @classmethod
    def from_row(cls, row: models.ConsultationMessage) -> "Message":
        return cls(id=strawberry.ID(str(row.id)), body=row.body, sent_at=row.sent_at,
                   author_id=strawberry.ID(str(row.author_id)),
                   consultation_id=strawberry.ID(str(row.consultation_id)))


@strawberry.federation.type(keys=["id"])
class Consultation:
    id: strawberry.ID
    status: ConsultationStatus
    scheduled_at: datetime
    topic: str
    row: strawberry.Private[models.Consultation]

    @classmethod
    def from_row(cls, row: models.Consultation) -> "Consultation":
        return cls(id=strawberry.ID(str(row.id)), status=ConsultationStatus(row.status),
                   scheduled_at=row.scheduled_at, topic=row.topic, row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Consultation | None":
        row = await loaders(info).consultation_by_id.load(id)
        return cls.from_row(row) if row else None

    @strawberry.field(description="The Jitsi room of this consultation.")
    def room_name(self) -> str:
        return rooms.room_name(self.id)

    @strawberry.field
    def pet(self) -> "Pet":
        return Pet(id=strawberry.ID(str(self.row.pet_id)))

    @strawberry.field(description="The chat, oldest message first.")
    def messages(self, info: Info) -> list[Message]:
        return then(loaders(info).messages_by_consultation_id.load(str(self.id)),
                    each(Message.from_row))

    @strawberry.field
    def vet(self) -> Vet:
        return Vet(id=strawberry.ID(str(self.row.vet_id)))


@strawberry.federation.type(keys=["id"])
class Pet:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> "Pet":
        return cls(id=id)

    @strawberry.field(description="The pet's consultations, newest first.")
    def consultations(self, info: Info, last: int = 5) -> list[Consultation]:
        key = (self.id, paging.clamp_last(last))
        return then(loaders(info).consultations_by_pet_id.load(key),
                    each(Consultation.from_row))
