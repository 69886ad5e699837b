"""commerce mutation payloads: the order after a move, or why it did not move."""

from __future__ import annotations

import strawberry

from subgraphs.commerce.errors import OrderErrorCode
from subgraphs.commerce.types import Order
from subgraphs.shared.payloads import payload_error

OrderError = payload_error("OrderError", OrderErrorCode)


@strawberry.type
class OrderTransitionPayload:
    order: Order | None
    errors: list[OrderError]
