"""appointments error codes (mutation payload errors).

``CONFLICT``: the time is taken - the no-double-booking exclusion constraint refused it."""

from enum import StrEnum


class AppointmentErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    CONFLICT = "CONFLICT"
