"""payments business rules: list limits, currency default. No GraphQL here."""

from __future__ import annotations

DEFAULT_CURRENCY = "EUR"
ACTIVE_POLICY = "ACTIVE"
MAX_PAGE = 100


def clamp_page(first: int) -> int:
    """``first`` arguments: at least 1, at most ``MAX_PAGE``."""
    return max(1, min(first, MAX_PAGE))
