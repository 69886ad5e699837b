"""profiles rules of a pet's record: microchip identifiers, ages, vaccination due state. No
GraphQL here."""

from __future__ import annotations

import re
from datetime import date

ISO_CHIP = re.compile(r"^\d{15}$")          # ISO 11784/11785 FDX-B: 15 decimal digits
LEGACY_CHIP = re.compile(r"^[0-9A-Za-z]{9,10}$")  # legacy AVID/FECAVA: 9 or 10 characters


def microchip_kind(value: str) -> str | None:
    """``ISO_11784`` or ``LEGACY`` for a valid identifier, None otherwise."""
    if ISO_CHIP.match(value):
        return "ISO_11784"
    if LEGACY_CHIP.match(value):
        return "LEGACY"
    return None


def age_years(birth: date, today: date) -> float:
    return round((today - birth).days / 365.25, 1)


def is_overdue(due_on: date | None, today: date) -> bool:
    return due_on is not None and due_on < today
