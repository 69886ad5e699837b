"""telehealth mutation inputs."""

from __future__ import annotations

import strawberry


@strawberry.input
class ConsultationMessageSendInput:
    consultation_id: strawberry.ID
    body: str


@strawberry.input
class ConsultationTransitionInput:
    consultation_id: strawberry.ID
