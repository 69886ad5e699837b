"""commerce prices: line and order totals, the default currency.

Totals are always computed here from stored rows (quantity x stored unit price); clients never
send a price.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from subgraphs.commerce.models import OrderItem

DEFAULT_CURRENCY = "EUR"


@dataclass(frozen=True)
class Amount:
    cents: int
    currency: str


def line_total(item: OrderItem, currency: str) -> Amount:
    return Amount(item.quantity * item.unit_price_cents, currency)


def order_total(items: Sequence[OrderItem], currency: str) -> Amount:
    return Amount(sum(i.quantity * i.unit_price_cents for i in items), currency)
