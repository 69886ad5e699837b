"""CSRF prevention (the rule Apollo Server and Router apply).

A browser sends a cross-site request without a CORS preflight only when it is "simple":
GET/HEAD, or POST whose content type is absent, ``text/plain``,
``application/x-www-form-urlencoded`` or ``multipart/form-data``. Such a request is refused
(``CSRF_PREVENTION``, 400) unless it carries one of the configured headers
(``apollo-require-preflight``, ``x-apollo-operation-name``, ``graphql-preflight``), which a
browser only sends after a preflight that CORS has approved. ``application/json`` POSTs
(every first-party app) always pass.
"""

from __future__ import annotations

from typing import Mapping

from supergraph.errors import ErrorCode, GraphQLRequestError

SIMPLE_CONTENT_TYPES = frozenset({
    "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
})


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def is_simple_request(method: str, headers: Mapping[str, str]) -> bool:
    if method in ("GET", "HEAD"):
        return True
    content_type = headers.get("content-type")
    return content_type is None or _media_type(content_type) in SIMPLE_CONTENT_TYPES


def check_csrf(method: str, headers: Mapping[str, str], required: tuple[str, ...]) -> None:
    """``headers`` lower-cased. Raises ``CSRF_PREVENTION`` for an unprotected simple request."""
    if not is_simple_request(method, headers):
        return
    if any(headers.get(name, "").strip() for name in required):
        return
    raise GraphQLRequestError(
        ErrorCode.CSRF_PREVENTION,
        "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). "
        f"Send a 'content-type: application/json' POST, or add one of these headers: {', '.join(required)}.",
    )
