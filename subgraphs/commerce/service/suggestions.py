"""Food suggestions (``Pet.foodSuggestions``): allergen matching and the prepared food range.

Over-the-counter food made for the pet's species (or for any) that contains none of its
recorded allergens. Prescription diets are left out: they need a prescription, which a vet
issues, not a shop suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from subgraphs.commerce.models import Product

MAX_SUGGESTIONS = 20

# Allergies are free text; products declare a small vocabulary. Other words for the same
# allergen map onto it, and a group stands for its members: a pet allergic to "poultry"
# avoids chicken, and a product declaring "poultry" may hold chicken. A member does not
# stand for its siblings (chicken-allergic pets may eat turkey). An allergy the matcher does
# not know (neither a food word here or in the catalogue nor a known non-food allergen) makes
# only food declaring no allergens at all safe to suggest.
ALLERGEN_SYNONYMS = {
    "milk": "dairy", "cow milk": "dairy", "cow's milk": "dairy", "cows milk": "dairy",
    "milk product": "dairy", "dairy product": "dairy", "cheese": "dairy", "lactose": "dairy",
    "whey": "dairy", "casein": "dairy", "soya": "soy", "soybean": "soy", "soy bean": "soy",
    "hen": "chicken", "ocean fish": "fish", "white fish": "whitefish", "cattle": "beef",
    "veal": "beef", "mutton": "lamb", "corn gluten": "corn", "maize": "corn", "egg white": "egg",
}
ALLERGEN_GROUPS = {
    "poultry": frozenset({"chicken", "turkey", "duck", "goose", "quail"}),
    "fish": frozenset({"salmon", "tuna", "whitefish", "cod", "herring", "sardine", "trout",
                       "mackerel", "pollock", "anchovy", "haddock"}),
    "red meat": frozenset({"beef", "lamb", "pork", "venison", "rabbit"}),
    "gluten": frozenset({"wheat", "barley", "rye"}),
    "grain": frozenset({"wheat", "corn", "rice", "barley", "oat", "rye"}),
}
NON_FOOD_ALLERGENS = frozenset({
    "pollen", "grass", "flea", "flea saliva", "flea bite", "dust mite", "house dust mite",
    "storage mite", "mould", "mold", "penicillin", "amoxicillin", "sulfonamide", "latex",
    "insect bite", "bee sting", "wasp sting", "dander", "feather", "wool", "vaccine",
})
_SPLIT = re.compile(r"\s*(?:[,;/&+]|\band\b)\s*")


def allergen_key(name: str) -> str:
    """One spelling per allergen: case, spacing, plural endings and other words for it do
    not matter ("Chicken", " chickens", "Berries", "peaches", "milk" -> "chicken", "chicken",
    "berry", "peach", "dairy")."""
    key = " ".join(name.casefold().split())
    if len(key) > 4 and key.endswith("ies"):
        key = key[:-3] + "y"
    elif len(key) > 4 and key.endswith(("oes", "ches", "shes", "sses", "xes")):
        key = key[:-2]
    elif len(key) > 3 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]
    return ALLERGEN_SYNONYMS.get(key, key)


def allergen_keys(entry: str) -> list[str]:
    """The allergens of one recorded entry ("chicken, beef and soy" names three)."""
    return [allergen_key(part) for part in _SPLIT.split(entry) if part.strip()]


def _known_words() -> frozenset[str]:
    words = set(ALLERGEN_SYNONYMS.values()) | set(ALLERGEN_GROUPS) | NON_FOOD_ALLERGENS
    for members in ALLERGEN_GROUPS.values():
        words |= members
    return frozenset(words)


KNOWN_ALLERGENS = _known_words()


def _product_holds(allergen: str) -> set[str]:
    """What a declared allergen stands for: itself, its groups and, for a group, its members."""
    key = allergen_key(allergen)
    groups = {group for group, members in ALLERGEN_GROUPS.items() if key in members}
    return {key, *groups, *ALLERGEN_GROUPS.get(key, ())}


def recorded_allergens(medical_record: Any) -> list[str] | None:
    """The allergens of a ``medicalRecord { allergies { allergen } }`` representation value;
    None when the record is missing or not of that shape (allergies unknown: nothing may be
    suggested as safe)."""
    if not isinstance(medical_record, dict):
        return None
    allergies = medical_record.get("allergies")
    if not isinstance(allergies, list):
        return None
    names = [a.get("allergen") if isinstance(a, dict) else None for a in allergies]
    allergens = [n for n in names if isinstance(n, str)]
    return allergens if len(allergens) == len(names) else None


@dataclass(frozen=True)
class FoodRange:
    """A food catalogue prepared once (per request: ``loaders.commerce.food_catalog``) for the
    many pets that ask: the products that may ever be suggested, cheapest first, each with
    everything its declared allergens stand for, and the words the catalogue declares."""

    products: tuple[tuple[Product, frozenset[str] | None], ...]
    declared: frozenset[str]

    @classmethod
    def of(cls, catalog: Sequence[Product]) -> "FoodRange":
        """Over-the-counter food of a declared species (an undeclared one is never suggested;
        prescription diets are left to the vet)."""
        eligible = sorted((p for p in catalog if p.category == "FOOD"
                           and not p.prescription_only and p.species is not None),
                          key=lambda p: (p.price_cents, p.name))
        products = tuple((p, None if p.allergens is None else frozenset(
            term for a in p.allergens for term in _product_holds(a))) for p in eligible)
        declared = frozenset(allergen_key(a) for p in catalog for a in (p.allergens or ()))
        return cls(products, declared)

    def suggest(self, species: str, allergies: Sequence[str], first: int) -> list[Product]:
        """Up to ``first`` (1..MAX_SUGGESTIONS) products for ``species`` (or any) holding none
        of ``allergies``; undeclared allergens only for a pet without allergies, and only food
        declaring no allergens when an allergy is not a word the matcher knows."""
        keys = [key for entry in allergies for key in allergen_keys(entry)]
        known = all(k in KNOWN_ALLERGENS or k in self.declared for k in keys)
        avoid = {term for k in keys for term in (k, *ALLERGEN_GROUPS.get(k, ()))}

        def safe(holds: frozenset[str] | None) -> bool:
            if holds is None:  # undeclared allergens
                return not avoid
            return avoid.isdisjoint(holds) if known else not holds

        fit = [p for p, holds in self.products
               if (not p.species or species in p.species) and safe(holds)]
        return fit[:max(1, min(first, MAX_SUGGESTIONS))]


def food_suggestions(catalog: Sequence[Product], species: str, allergies: Sequence[str],
                     first: int) -> list[Product]:
    """``FoodRange.of(catalog).suggest(...)``: cheapest first, then by name."""
    return FoodRange.of(catalog).suggest(species, allergies, first)
