"""payments money rules: amounts are integer minor units of an ISO 4217 currency."""

from __future__ import annotations

DEFAULT_CURRENCY = "EUR"
