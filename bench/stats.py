"""Pure statistics for the bench: percentiles, medians with spread, CPU per operation."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between closest ranks."""
    if not values:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError("q must be within 0..100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def spread(values: Sequence[float | None]) -> dict[str, float]:
    """Median, min, max and the relative spread ((max - min) / median, in percent); missing
    (None) and NaN values are left out."""
    finite = [v for v in values if v is not None and not math.isnan(v)]
    if not finite:
        return {"median": math.nan, "min": math.nan, "max": math.nan, "spread_pct": math.nan}
    mid = median(finite)
    low, high = min(finite), max(finite)
    pct = (high - low) / mid * 100 if mid else 0.0
    return {"median": mid, "min": low, "max": high, "spread_pct": pct}


def cpu_ms_per_op(cpu_seconds: float, ops: int) -> float:
    """Router CPU time (user + system) per completed operation, in milliseconds."""
    return cpu_seconds * 1000 / ops if ops else math.nan


def per_op(total: float, ops: int) -> float:
    return total / ops if ops else math.nan


def growth_exponent(sizes: Sequence[float], costs: Sequence[float]) -> float:
    """Least-squares slope of log(cost) over log(size): 1.0 is linear growth, 0 is flat."""
    points = [(math.log(s), math.log(c)) for s, c in zip(sizes, costs) if s > 0 and c and c > 0]
    if len(points) < 2:
        return math.nan
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    var = sum((x - mean_x) ** 2 for x, _ in points)
    if not var:
        return math.nan
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var


def marginal_costs(sizes: Sequence[float], costs: Sequence[float]) -> list[float]:
    """Cost added per extra list item between consecutive sizes (flat or falling = linear)."""
    pairs = sorted(zip(sizes, costs))
    return [(c2 - c1) / (s2 - s1) for (s1, c1), (s2, c2) in zip(pairs, pairs[1:]) if s2 != s1]
