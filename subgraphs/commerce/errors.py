"""commerce error codes: what an order mutation's payload errors say (``OrderErrorCode``)."""

from __future__ import annotations

from enum import StrEnum


class OrderErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_TRANSITION = "INVALID_TRANSITION"
