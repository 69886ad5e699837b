"""telehealth mutation payloads: the message sent / the consultation moved, or why not."""

from __future__ import annotations

import strawberry

from subgraphs.shared.payloads import payload_error
from subgraphs.telehealth.errors import ConsultationErrorCode
from subgraphs.telehealth.types import Consultation, Message

ConsultationError = payload_error("ConsultationError", ConsultationErrorCode)


@strawberry.type
class ConsultationMessageSendPayload:
    message: Message | None
    errors: list[ConsultationError]


@strawberry.type
class ConsultationTransitionPayload:
    consultation: Consultation | None
    errors: list[ConsultationError]
