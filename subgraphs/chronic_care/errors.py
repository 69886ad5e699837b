"""chronic_care error codes (mutation payload errors) and input refusals."""

from __future__ import annotations

from enum import StrEnum

from subgraphs.shared.errors import CodedError, ErrorCode


class ChronicCareErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"  # no such pet with a collar *that the caller may manage*


def invalid_input(problems: list[tuple[str, str]]) -> CodedError:
    """Top-level ``BAD_USER_INPUT`` naming every bad field (``extensions.fields``)."""
    error = CodedError(ErrorCode.BAD_USER_INPUT, "; ".join(m for _f, m in problems))
    error.extensions["field"] = problems[0][0]
    error.extensions["fields"] = [f for f, _m in problems]
    return error
