"""payments mutation inputs."""

from __future__ import annotations

import strawberry


@strawberry.input
class PaymentRefundInput:
    payment_id: strawberry.ID
