"""commerce mutation payloads: the order after a move, or why it did not move."""

from __future__ import annotations

import strawberry

from subgraphs.commerce.errors import OrderErrorCode
from subgraphs.commerce.types import Order
from subgraphs.shared.payloads import PayloadError, payload_error


@payload_error(OrderErrorCode)
class OrderError(PayloadError):
    """Why a mutation of this domain changed nothing (``code``, input ``field``, ``message``)."""


@strawberry.type
class OrderTransitionPayload:
    order: Order | None
    errors: list[OrderError]
