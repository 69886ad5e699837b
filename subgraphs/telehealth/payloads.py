"""telehealth mutation payloads: the message sent / the consultation moved, or why not."""

from __future__ import annotations

import strawberry

from subgraphs.shared.payloads import PayloadError, payload_error
from subgraphs.telehealth.errors import ConsultationErrorCode
from subgraphs.telehealth.types import Consultation, Message


@payload_error(ConsultationErrorCode)
class ConsultationError(PayloadError):
    """Why a mutation of this domain changed nothing (``code``, input ``field``, ``message``)."""


@strawberry.type
class ConsultationMessageSendPayload:
    message: Message | None
    errors: list[ConsultationError]


@strawberry.type
class ConsultationTransitionPayload:
    consultation: Consultation | None
    errors: list[ConsultationError]
