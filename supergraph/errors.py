"""The router's closed catalogue of error codes and the request-level error type.

Every top-level GraphQL error the router produces carries ``extensions.code`` from
:class:`ErrorCode`. Messages of internal errors are masked outside development; no
class names or stack traces ever reach a client.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Sequence


class ErrorCode(StrEnum):
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    BAD_REQUEST = "BAD_REQUEST"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    RATE_LIMITED = "RATE_LIMITED"
    SUBREQUEST_HTTP_ERROR = "SUBREQUEST_HTTP_ERROR"
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST"
    OPERATION_NOT_ALLOWED = "OPERATION_NOT_ALLOWED"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    LIVE_UPDATES_INTERRUPTED = "LIVE_UPDATES_INTERRUPTED"  # event stream lost (Redis): refetch
    # The router's edge (supergraph.edge): trusted documents, APQ, limits, HTTP hygiene.
    PERSISTED_QUERY_ID_REQUIRED = "PERSISTED_QUERY_ID_REQUIRED"
    PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
    PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
    MAX_TOKENS_LIMIT = "MAX_TOKENS_LIMIT"
    MAX_DEPTH_LIMIT = "MAX_DEPTH_LIMIT"
    MAX_ALIASES_LIMIT = "MAX_ALIASES_LIMIT"
    MAX_ROOT_FIELDS_LIMIT = "MAX_ROOT_FIELDS_LIMIT"
    MAX_DIRECTIVES_LIMIT = "MAX_DIRECTIVES_LIMIT"
    MAX_FIELDS_LIMIT = "MAX_FIELDS_LIMIT"
    COST_ESTIMATED_TOO_EXPENSIVE = "COST_ESTIMATED_TOO_EXPENSIVE"
    INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"
    CSRF_PREVENTION = "CSRF_PREVENTION"
    REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"
    BATCHING_NOT_ENABLED = "BATCHING_NOT_ENABLED"
    BATCH_LIMIT_EXCEEDED = "BATCH_LIMIT_EXCEEDED"
    # The admin console (supergraph.http.admin_console).
    ADMIN_REQUIRED = "ADMIN_REQUIRED"  # signed in, but not an admin
    ADMIN_SESSION_REQUIRED = "ADMIN_SESSION_REQUIRED"  # /admin/graphql without an admin session


# HTTP status used when a request fails before execution with this code.
HTTP_STATUS: dict[ErrorCode, int] = {
    ErrorCode.GRAPHQL_PARSE_FAILED: 400,
    ErrorCode.GRAPHQL_VALIDATION_FAILED: 400,
    ErrorCode.BAD_USER_INPUT: 400,
    ErrorCode.BAD_REQUEST: 400,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.OPERATION_NOT_ALLOWED: 405,
    ErrorCode.CONFLICT: 409,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.PERSISTED_QUERY_NOT_FOUND: 200,
    ErrorCode.PERSISTED_QUERY_NOT_IN_LIST: 400,
    ErrorCode.SUBREQUEST_HTTP_ERROR: 502,
    ErrorCode.INTERNAL_SERVER_ERROR: 500,
    ErrorCode.REQUEST_TOO_LARGE: 413,
    ErrorCode.ADMIN_REQUIRED: 403,
    ErrorCode.ADMIN_SESSION_REQUIRED: 403,
}

MASKED_MESSAGE = "Internal server error"


def error_entry(
    message: str,
    code: ErrorCode | str,
    *,
    path: Sequence[str | int] | None = None,
    **extensions: Any,
) -> dict[str, Any]:
    """One entry of a GraphQL response's ``errors`` list."""
    entry: dict[str, Any] = {"message": message}
    if path is not None:
        entry["path"] = list(path)
    entry["extensions"] = {"code": str(code), **extensions}
    return entry


class GraphQLRequestError(Exception):
    """A request that fails as a whole (nothing is executed).

    Raised by the router's request path and by the auth hook (``UNAUTHENTICATED``).
    ``errors`` holds more than one entry for e.g. several validation errors.
    """

    def __init__(
        self,
        code: ErrorCode | str,
        message: str,
        *,
        errors: Sequence[dict[str, Any]] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = ErrorCode(code)
        self.message = message
        self.errors = list(errors) if errors else [error_entry(message, self.code)]
        self.status = status if status is not None else HTTP_STATUS.get(self.code, 400)

    def to_response(self) -> dict[str, Any]:
        return {"errors": self.errors}
