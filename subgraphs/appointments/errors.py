"""appointments error codes (mutation payload errors)."""

from enum import StrEnum


class AppointmentErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    SLOT_TAKEN = "SLOT_TAKEN"
