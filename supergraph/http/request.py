"""Reading a GraphQL-over-HTTP request: size-capped body, JSON object or batch, GET params.

Nothing here parses GraphQL: a request is turned into payload dicts (``query``,
``documentId``, ``operationName``, ``variables``, ``extensions``) and the document is
resolved later (trusted documents / APQ) before the router parses anything.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request

from supergraph.edge.config import HttpConfig
from supergraph.errors import ErrorCode, GraphQLRequestError


def _too_large(limit: int) -> GraphQLRequestError:
    return GraphQLRequestError(ErrorCode.REQUEST_TOO_LARGE, f"Request exceeds the limit of {limit} bytes.")


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused (413) as soon as it passes ``limit`` bytes - never read whole first."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit)
    return bytes(body)


def _object(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "Request body must be a JSON object.")
    return item


async def read_post(request: Request, http: HttpConfig) -> dict[str, Any] | list[dict[str, Any]]:
    """A JSON object, or a batch (JSON array) when batching is enabled and small enough."""
    content_type = request.headers.get("content-type", "")
    if "json" not in content_type:
        raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "Content-Type must be application/json.", status=415)
    raw = await read_body(request, http.max_body_bytes)
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise GraphQLRequestError(ErrorCode.BAD_REQUEST, "Request body is not valid JSON.") from None
    if not isinstance(body, list):
        return _object(body)
    if http.max_batch_size <= 0:
        raise GraphQLRequestError(ErrorCode.BATCHING_NOT_ENABLED, "Batched requests are not accepted.")
    if not body or len(body) > http.max_batch_size:
        raise GraphQLRequestError(ErrorCode.BATCH_LIMIT_EXCEEDED,
                                  f"A batch holds 1 to {http.max_batch_size} operations; got {len(body)}.")
    return [_object(item) for item in body]


def read_get(request: Request, http: HttpConfig) -> dict[str, Any]:
    if len(request.url.query) > http.max_body_bytes:
        raise _too_large(http.max_body_bytes)
    params = request.query_params
    body: dict[str, Any] = {"query": params.get("query"), "operationName": params.get("operationName")}
    if params.get("documentId"):
        body["documentId"] = params["documentId"]
    for name in ("variables", "extensions"):
        raw = params.get(name)
        if raw:
            try:
                body[name] = orjson.loads(raw)
            except orjson.JSONDecodeError:
                raise GraphQLRequestError(ErrorCode.BAD_REQUEST, f"{name} is not valid JSON.") from None
    return body
