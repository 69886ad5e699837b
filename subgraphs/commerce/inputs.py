"""commerce mutation inputs."""

from __future__ import annotations

import strawberry


@strawberry.input
class OrderTransitionInput:
    order_id: strawberry.ID
