"""Training plan progress."""

from __future__ import annotations


def progress_percent(completed_sessions: int, target_sessions: int) -> float:
    """Share of the target sessions done, 0-100, one decimal (over-achievement caps at 100)."""
    if target_sessions <= 0:
        return 0.0
    share = max(0, completed_sessions) / target_sessions
    return round(min(1.0, share) * 100, 1)
