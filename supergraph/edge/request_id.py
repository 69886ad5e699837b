"""Request ids: one per HTTP request, in the ``x-request-id`` response header and in every
log record written while the request runs (``%(request_id)s``; ``-`` outside a request).

A well-formed incoming ``x-request-id`` (1-64 of ``[A-Za-z0-9._-]``, e.g. from a load
balancer) is kept; anything else is replaced by a fresh random id.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from typing import Any

REQUEST_ID_HEADER = "x-request-id"
_VALID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

_installed = False


def install_log_record_factory() -> None:
    """Give every ``LogRecord`` a ``request_id`` attribute (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = current_request_id.get()
        return record

    logging.setLogRecordFactory(factory)
    _installed = True


def request_id_from(value: str | None) -> str:
    if value and _VALID.match(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Pure ASGI middleware (outermost): sets the id for the request and echoes it back."""

    def __init__(self, app: Any) -> None:
        self.app = app
        install_log_record_factory()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = next((v.decode("latin-1") for k, v in scope.get("headers", ())
                         if k == REQUEST_ID_HEADER.encode()), None)
        request_id = request_id_from(incoming)
        token = current_request_id.set(request_id)

        async def send_with_id(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ()) if k != REQUEST_ID_HEADER.encode()]
                headers.append((REQUEST_ID_HEADER.encode(), request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            current_request_id.reset(token)
