"""Daily energy need of a pet (``Pet.feedingGuide``): where a feeding plan starts.

The WSAVA/AAHA rule of thumb vets start a feeding plan from: the resting energy requirement
RER = 70 x (body weight in kg)^0.75 kcal/day, times a life-stage factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# (species, life stage) -> factor; young animals by whole months of age from the birth date.
ENERGY_FACTORS = {
    ("DOG", "puppy under 4 months"): 3.0,
    ("DOG", "puppy 4-12 months"): 2.0,
    ("DOG", "neutered adult"): 1.6,
    ("DOG", "intact adult"): 1.8,
    ("CAT", "kitten"): 2.5,
    ("CAT", "neutered adult"): 1.2,
    ("CAT", "intact adult"): 1.4,
}


@dataclass(frozen=True)
class FeedingEnergy:
    resting_kcal: int
    daily_kcal: int
    factor: float
    life_stage: str


def months_of_age(birth: date, today: date) -> int:
    """Whole months since ``birth`` (a month is complete on the same day of a later month)."""
    return (today.year - birth.year) * 12 + today.month - birth.month - (today.day < birth.day)


def life_stage(species: str, birth: date | None, neutered: bool, today: date) -> str | None:
    """The stage ``ENERGY_FACTORS`` knows for this animal; an unknown birth date counts as adult."""
    if species not in ("DOG", "CAT"):
        return None
    months = months_of_age(birth, today) if birth is not None else None
    if months is not None and months < 12:
        if species == "CAT":
            return "kitten"
        return "puppy under 4 months" if months < 4 else "puppy 4-12 months"
    return "neutered adult" if neutered else "intact adult"


def feeding_energy(species: str, weight_kg: float | None, birth: date | None, neutered: bool,
                   today: date) -> FeedingEnergy | None:
    """None for species without a guideline here and without a (positive) weight."""
    stage = life_stage(species, birth, neutered, today)
    if stage is None or weight_kg is None or weight_kg <= 0:
        return None
    resting = 70 * weight_kg ** 0.75
    factor = ENERGY_FACTORS[(species, stage)]
    return FeedingEnergy(round(resting), round(resting * factor), factor, stage)
