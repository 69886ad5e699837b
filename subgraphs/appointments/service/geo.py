"""Where clinics are: the geohash stored with each clinic (``Clinic.geohash``). No GraphQL."""

from __future__ import annotations

_BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"


def geohash(latitude: float, longitude: float, precision: int = 9) -> str:
    """Standard geohash (interleaved longitude/latitude bisection, base32)."""
    lat, lon = [-90.0, 90.0], [-180.0, 180.0]
    bits, value, even = 0, 0, True
    out: list[str] = []
    while len(out) < precision:
        rng, v = (lon, longitude) if even else (lat, latitude)
        mid = (rng[0] + rng[1]) / 2
        value = (value << 1) | (v >= mid)
        rng[0 if v >= mid else 1] = mid
        even, bits = not even, bits + 1
        if bits == 5:
            out.append(_BASE32[value])
            bits, value = 0, 0
    return "".join(out)
