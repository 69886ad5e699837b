"""commerce business rules: line and order totals, list limits. No GraphQL here.

Totals are always computed here from stored rows (quantity x stored unit price); clients never
send a price.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from subgraphs.commerce.models import OrderItem

DEFAULT_CURRENCY = "EUR"
MAX_PAGE = 100


@dataclass(frozen=True)
class Amount:
    cents: int
    currency: str


def line_total(item: OrderItem, currency: str) -> Amount:
    return Amount(item.quantity * item.unit_price_cents, currency)


def order_total(items: Sequence[OrderItem], currency: str) -> Amount:
    return Amount(sum(i.quantity * i.unit_price_cents for i in items), currency)


def clamp_page(first: int) -> int:
    """``first`` arguments: at least 1, at most ``MAX_PAGE``."""
    return max(1, min(first, MAX_PAGE))


def clamp_last(last: int) -> int:
    """``last`` arguments: negative means none, at most ``MAX_PAGE``."""
    return max(0, min(last, MAX_PAGE))
