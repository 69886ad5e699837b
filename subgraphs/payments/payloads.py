"""payments mutation payloads: the payment after a refund, or why it was not refunded."""

from __future__ import annotations

import strawberry

from subgraphs.payments.errors import PaymentErrorCode
from subgraphs.payments.types import Payment
from subgraphs.shared.payloads import PayloadError, payload_error


@payload_error(PaymentErrorCode)
class PaymentError(PayloadError):
    """Why a mutation of this domain changed nothing (``code``, input ``field``, ``message``)."""


@strawberry.type
class PaymentRefundPayload:
    payment: Payment | None
    errors: list[PaymentError]
