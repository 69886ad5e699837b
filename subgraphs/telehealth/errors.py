"""telehealth error codes: what a consultation mutation's payload errors say
(``ConsultationErrorCode``)."""

from __future__ import annotations

from enum import StrEnum


class ConsultationErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    CLOSED = "CLOSED"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    BAD_USER_INPUT = "BAD_USER_INPUT"
