"""commerce mutation payloads: the order after a move, or why it did not move."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from subgraphs.commerce.errors import OrderErrorCode
from subgraphs.commerce.types import Order
from subgraphs.shared.payloads import PayloadError, payload_error

if TYPE_CHECKING:  # a type for the checker; the class is made at import time
    OrderError = PayloadError
else:
    OrderError = payload_error("OrderError", OrderErrorCode)


@strawberry.type
class OrderTransitionPayload:
    order: Order | None
    errors: list[OrderError]
