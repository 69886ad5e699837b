"""chronic_care error codes (mutation payload errors, ``payloads.ChronicCareError``).

Refused input is a payload error ``BAD_USER_INPUT`` naming the field, one per bad field;
top-level errors come from the shared catalogue (``subgraphs.shared.errors``).
"""

from __future__ import annotations

from enum import StrEnum


class ChronicCareErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"  # no such pet with a collar *that the caller may manage*
    BAD_USER_INPUT = "BAD_USER_INPUT"  # a value out of range (``field`` names it)
