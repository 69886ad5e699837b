"""telehealth list limits: ``last`` arguments are bounded."""

from __future__ import annotations

MAX_LAST = 100


def clamp_last(last: int) -> int:
    """``last`` arguments are bounded: negative means none, at most ``MAX_LAST``."""
    return max(0, min(last, MAX_LAST))
