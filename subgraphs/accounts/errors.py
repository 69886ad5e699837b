"""accounts error codes (mutation payload errors)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AccountErrorCode(StrEnum):
    INVALID_INPUT = "INVALID_INPUT"
    EMAIL_TAKEN = "EMAIL_TAKEN"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INVALID_TOKEN = "INVALID_TOKEN"
    TOKEN_REUSED = "TOKEN_REUSED"
    RATE_LIMITED = "RATE_LIMITED"
    UNAVAILABLE = "UNAVAILABLE"
    UNAUTHENTICATED = "UNAUTHENTICATED"


@dataclass(frozen=True)
class Problem:
    code: AccountErrorCode
    message: str
    field: str | None = None
