"""accounts error codes (mutation payload errors, ``payloads.AccountError``).

Refused input is ``BAD_USER_INPUT`` naming the field, the vocabulary of every subgraph.
"""

from __future__ import annotations

from enum import StrEnum


class AccountErrorCode(StrEnum):
    BAD_USER_INPUT = "BAD_USER_INPUT"
    EMAIL_TAKEN = "EMAIL_TAKEN"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INVALID_TOKEN = "INVALID_TOKEN"
    TOKEN_REUSED = "TOKEN_REUSED"
    RATE_LIMITED = "RATE_LIMITED"
    UNAVAILABLE = "UNAVAILABLE"
    UNAUTHENTICATED = "UNAUTHENTICATED"
