"""profiles error codes (mutation payload errors) and the emergency-access refusals."""

from __future__ import annotations

from enum import StrEnum

from subgraphs.shared.errors import CodedError, ErrorCode


class ProfileErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"          # no such pet/link/grant *that the caller may manage*
    UNAVAILABLE = "UNAVAILABLE"      # the access directory (Redis) could not be updated
    BAD_USER_INPUT = "BAD_USER_INPUT"  # a field out of range/format (``field`` names it)
    CONFLICT = "CONFLICT"            # the microchip is registered to another pet
    FORBIDDEN = "FORBIDDEN"          # only owners register pets


class EmergencyRefusal(StrEnum):
    """``extensions.reason`` of a refused ``emergencySummary`` (``extensions.code`` in brackets)."""

    INVALID = "EMERGENCY_LINK_INVALID"      # unknown token (NOT_FOUND)
    EXPIRED = "EMERGENCY_LINK_EXPIRED"      # (FORBIDDEN)
    REVOKED = "EMERGENCY_LINK_REVOKED"      # (FORBIDDEN)
    RATE_LIMITED = "EMERGENCY_RATE_LIMITED"  # too many attempts from this address (RATE_LIMITED)
    UNAVAILABLE = "EMERGENCY_UNAVAILABLE"   # limiter unreachable: refused (RATE_LIMITED)


_REFUSALS = {
    EmergencyRefusal.INVALID: (ErrorCode.NOT_FOUND, "emergency link not found"),
    EmergencyRefusal.EXPIRED: (ErrorCode.FORBIDDEN, "emergency link has expired"),
    EmergencyRefusal.REVOKED: (ErrorCode.FORBIDDEN, "emergency link has been revoked"),
    EmergencyRefusal.RATE_LIMITED: (ErrorCode.RATE_LIMITED,
                                    "too many emergency link attempts; try again later"),
    EmergencyRefusal.UNAVAILABLE: (ErrorCode.RATE_LIMITED,
                                   "emergency access is temporarily unavailable"),
}


def emergency_error(reason: EmergencyRefusal) -> CodedError:
    code, message = _REFUSALS[reason]
    return CodedError(code, message, extensions={"reason": str(reason)})
