"""Response hygiene outside development: no field suggestions, no internals in errors.

* ``strip_suggestions``: graphql-core's validation messages end with "Did you mean 'x'?",
  which leaks schema names; removed unless the caller may introspect (dev, admins).
* ``clean_errors``: internal and subgraph-transport errors get a fixed message and only their
  ``code`` and ``service`` (and ``path``); coded business errors (FORBIDDEN, NOT_FOUND, ...) pass unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from supergraph.errors import MASKED_MESSAGE, ErrorCode

_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
_MASKED: dict[str, str] = {
    ErrorCode.INTERNAL_SERVER_ERROR: MASKED_MESSAGE,
    ErrorCode.SUBREQUEST_HTTP_ERROR: "A subgraph request failed.",
}


def strip_suggestions(message: str) -> str:
    return _SUGGESTION.sub("", message)


def _masked(error: dict[str, Any], suggestions: bool, mask: bool) -> dict[str, Any]:
    code = str((error.get("extensions") or {}).get("code") or ErrorCode.INTERNAL_SERVER_ERROR)
    if mask and code in _MASKED:
        out: dict[str, Any] = {"message": _MASKED[code]}
        if "path" in error:
            out["path"] = error["path"]
        service = (error.get("extensions") or {}).get("service")
        out["extensions"] = {"code": code, **({"service": service} if service else {})}
        return out
    if not suggestions and "Did you mean" in str(error.get("message", "")):
        return {**error, "message": strip_suggestions(str(error["message"]))}
    return error


def clean_errors(body: Any, *, suggestions: bool, mask: bool) -> Any:
    """The response body with its ``errors`` cleaned (a new dict when anything changed)."""
    if not isinstance(body, dict) or not body.get("errors"):
        return body
    return {**body, "errors": [_masked(e, suggestions, mask) for e in body["errors"]]}
