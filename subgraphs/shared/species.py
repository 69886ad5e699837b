"""``Species``: the one enum more than one subgraph declares (profiles owns the field;
commerce reads it through ``@requires``). Federation merges an enum by name, so both
declare the same values from here."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum
class Species(Enum):
    DOG = "DOG"
    CAT = "CAT"
    RABBIT = "RABBIT"
    BIRD = "BIRD"
    REPTILE = "REPTILE"
    OTHER = "OTHER"
