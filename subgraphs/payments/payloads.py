"""payments mutation payloads: the payment after a refund, or why it was not refunded."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from subgraphs.payments.errors import PaymentErrorCode
from subgraphs.payments.types import Payment
from subgraphs.shared.payloads import PayloadError, payload_error

if TYPE_CHECKING:  # a type for the checker; the class is made at import time
    PaymentError = PayloadError
else:
    PaymentError = payload_error("PaymentError", PaymentErrorCode)


@strawberry.type
class PaymentRefundPayload:
    payment: Payment | None
    errors: list[PaymentError]
