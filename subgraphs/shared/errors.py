"""Error catalogue shared by every subgraph.

Expected business outcomes go into mutation payloads (``errors: [XError!]!``). Everything else
is a top-level GraphQL error whose ``extensions.code`` is one of ``ErrorCode``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from graphql import GraphQLError


class ErrorCode(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    CONFLICT = "CONFLICT"
    RATE_LIMITED = "RATE_LIMITED"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    # A live subscription's event stream was lost (Redis): reconnect, refetch, subscribe again.
    LIVE_UPDATES_INTERRUPTED = "LIVE_UPDATES_INTERRUPTED"


class CodedError(GraphQLError):
    """A GraphQL error with a catalogue code; its message is safe to show to clients."""

    def __init__(self, code: ErrorCode, message: str, *,
                 extensions: dict[str, Any] | None = None) -> None:
        """``extensions``: more entries after ``code`` (e.g. a refusal's ``reason``)."""
        super().__init__(message, extensions={"code": str(code), **(extensions or {})})


def not_found(what: str) -> CodedError:
    return CodedError(ErrorCode.NOT_FOUND, f"{what} not found")


def forbidden(message: str = "not allowed") -> CodedError:
    return CodedError(ErrorCode.FORBIDDEN, message)


def unauthenticated() -> CodedError:
    return CodedError(ErrorCode.UNAUTHENTICATED, "authentication required")


def bad_input(message: str) -> CodedError:
    return CodedError(ErrorCode.BAD_USER_INPUT, message)
