"""payments error codes: what a payment mutation's payload errors say (``PaymentErrorCode``)."""

from __future__ import annotations

from enum import StrEnum


class PaymentErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    INVALID_TRANSITION = "INVALID_TRANSITION"
