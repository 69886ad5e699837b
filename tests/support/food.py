"""What the demo world says a pet's food suggestions are, computed from the world itself
(commerce's rule: non-prescription food for the pet's species, none declaring one of its
allergens, food with undeclared allergens only for a pet without allergies; cheapest first,
then by name)."""

from __future__ import annotations


def expected_suggestions(world, pet, first):
    allergic = {a for a, _, _ in pet.allergies}
    fit = [p for p in world.products
           if p.category == "FOOD" and not p.prescription_only
           and (not p.species or pet.species in p.species)
           and (not allergic & set(p.allergens) if p.allergens is not None else not allergic)]
    return [p.name for p in sorted(fit, key=lambda p: (p.price_cents, p.name))][:first]
