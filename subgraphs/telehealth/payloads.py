"""telehealth mutation payloads: the message sent / the consultation moved, or why not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from subgraphs.shared.payloads import PayloadError, payload_error
from subgraphs.telehealth.errors import ConsultationErrorCode
from subgraphs.telehealth.types import Consultation, Message

if TYPE_CHECKING:  # a type for the checker; the class is made at import time
    ConsultationError = PayloadError
else:
    ConsultationError = payload_error("ConsultationError", ConsultationErrorCode)


@strawberry.type
class ConsultationMessageSendPayload:
    message: Message | None
    errors: list[ConsultationError]


@strawberry.type
class ConsultationTransitionPayload:
    consultation: Consultation | None
    errors: list[ConsultationError]
