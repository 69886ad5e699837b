"""payments list limits: ``first`` arguments are bounded."""

from __future__ import annotations

MAX_PAGE = 100


def clamp_page(first: int) -> int:
    """``first`` arguments: at least 1, at most ``MAX_PAGE``."""
    return max(1, min(first, MAX_PAGE))
