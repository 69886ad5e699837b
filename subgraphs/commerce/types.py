"""commerce GraphQL types: Product and Order entities, Money; Pet extended with orders,
``feedingGuide`` and ``foodSuggestions`` (both from profiles' fields through ``@requires``)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from subgraphs.commerce import models
from subgraphs.commerce.context import loaders
from subgraphs.commerce.service import feeding, paging, pricing, suggestions
from subgraphs.shared.resolving import each, optional, then
from subgraphs.shared.schema import list_size
from subgraphs.shared.species import Species


@strawberry.federation.type(shareable=True, description="An amount in minor units of a currency.")
class Money:
    amount_cents: int
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")

    @classmethod
    def of(cls, amount: pricing.Amount) -> "Money":
        return cls(amount_cents=amount.cents, currency=amount.currency)


@strawberry.enum
class ProductCategory(Enum):
    FOOD = "FOOD"
    MEDICINE = "MEDICINE"
    DEVICE = "DEVICE"


@strawberry.enum
class OrderStatus(Enum):
    PENDING_PAYMENT = "PENDING_PAYMENT"
    PAID = "PAID"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"


@strawberry.federation.type(keys=["id"])
class Product:
    id: strawberry.ID
    sku: str
    name: str
    category: ProductCategory
    price: Money
    prescription_only: bool
    for_species: list[Species] | None = strawberry.field(
        description="The species it is made for (empty: any; null when not declared).")
    allergens: list[str] | None = strawberry.field(
        description="Common allergens it contains (lower case, e.g. chicken, wheat); null when "
                    "not declared.")

    @classmethod
    def from_row(cls, row: models.Product) -> "Product":
        return cls(id=strawberry.ID(str(row.id)), sku=row.sku, name=row.name,
                   category=ProductCategory(row.category),
                   price=Money(amount_cents=row.price_cents, currency=row.currency),
                   prescription_only=row.prescription_only,
                   for_species=None if row.species is None
                   else [Species(s) for s in row.species],
                   allergens=None if row.allergens is None else list(row.allergens))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Product | None":
        row = await loaders(info).product_by_id.load(id)
        return cls.from_row(row) if row else None


@strawberry.type
class OrderItem:
    quantity: int
    unit_price: Money
    line_total: Money
    product_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.OrderItem, currency: str) -> "OrderItem":
        return cls(quantity=row.quantity,
                   unit_price=Money(amount_cents=row.unit_price_cents, currency=currency),
                   line_total=Money.of(pricing.line_total(row, currency)),
                   product_id=str(row.product_id))

    @strawberry.field
    def product(self, info: Info) -> Product | None:
        return then(loaders(info).product_by_id.load(self.product_id), _product)


@strawberry.federation.type(keys=["id"])
class Order:
    id: strawberry.ID
    status: OrderStatus
    created_at: datetime
    row: strawberry.Private[models.Order]

    @classmethod
    def from_row(cls, row: models.Order) -> "Order":
        return cls(id=strawberry.ID(str(row.id)), status=OrderStatus(row.status),
                   created_at=row.created_at, row=row)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Order | None":
        row = await loaders(info).order_by_id.load(id)
        return cls.from_row(row) if row else None

    @strawberry.field
    def items(self, info: Info) -> list[OrderItem]:
        currency = self.row.currency
        return then(loaders(info).order_items_by_order_id.load(self.id),
                    lambda rows: [OrderItem.from_row(r, currency) for r in rows])

    @strawberry.field(description="Sum of the line totals, computed server-side.")
    def total(self, info: Info) -> Money:
        currency = self.row.currency
        return then(loaders(info).order_items_by_order_id.load(self.id),
                    lambda rows: Money.of(pricing.order_total(rows, currency)))

    @strawberry.field
    def pet(self) -> "Pet | None":
        return Pet(id=strawberry.ID(str(self.row.pet_id))) if self.row.pet_id else None


@strawberry.type(description="How much energy a pet needs a day: where a feeding plan starts "
                             "(the vet adjusts it to body condition).")
class FeedingGuide:
    resting_kcal: int = strawberry.field(
        description="Resting energy requirement: 70 x (weight in kg)^0.75 kcal a day.")
    daily_kcal: int = strawberry.field(description="Resting energy times the life-stage factor.")
    factor: float = strawberry.field(description="The life-stage factor (WSAVA/AAHA guidelines).")
    life_stage: str = strawberry.field(description="e.g. 'neutered adult', 'puppy 4-12 months'.")


@strawberry.federation.type
class Allergy:
    """profiles' type, as far as ``foodSuggestions`` reads it."""

    allergen: str = strawberry.federation.field(external=True)


@strawberry.federation.type
class MedicalRecord:
    """profiles' type, as far as ``foodSuggestions`` reads it."""

    allergies: list[Allergy] = strawberry.federation.field(external=True)


@strawberry.federation.type(keys=["id"])
class Pet:
    id: strawberry.ID
    # profiles' fields, as profiles types them (composition keeps the API types); they come
    # only in representations for ``feedingGuide`` and are never resolved here
    species: Species = strawberry.federation.field(external=True, default=None)
    neutered: bool = strawberry.federation.field(external=True, default=None)
    weight_kg: float | None = strawberry.federation.field(external=True, default=None)
    birth_date: date | None = strawberry.federation.field(external=True, default=None)
    medical_record: "MedicalRecord | None" = strawberry.federation.field(external=True,
                                                                         default=None)
    required: strawberry.Private[dict | None] = None

    @classmethod
    def resolve_reference(cls, id: strawberry.ID, **representation: Any) -> "Pet":
        """``representation``: profiles' fields for ``feedingGuide`` / ``foodSuggestions``
        (as JSON, as named in it)."""
        return cls(id=id, required=representation or None)

    @strawberry.federation.field(
        requires=["species neutered weightKg birthDate"],
        description="Daily energy need for dogs and cats with a recorded weight (null otherwise); "
                    "an unknown birth date counts as adult.")
    def feeding_guide(self) -> FeedingGuide | None:
        known = self._representation("feedingGuide", FEEDING_INPUTS)
        weight = known["weightKg"]
        energy = feeding.feeding_energy(
            known["species"] if isinstance(known["species"], str) else "",
            weight if isinstance(weight, int | float) and not isinstance(weight, bool) else None,
            _iso_date(known["birthDate"]), known["neutered"] is True, datetime.now(UTC).date())
        return FeedingGuide(**vars(energy)) if energy else None

    @strawberry.federation.field(
        requires=["species medicalRecord { allergies { allergen } }"],
        requires_scopes=[["medical:read"]], directives=[list_size(slicing=["first"])],
        description="Over-the-counter food made for the pet's species that contains none of "
                    "its recorded allergens, cheapest first (at most 20; prescription diets "
                    "are left to the vet). Null when its medical record cannot be read.")
    def food_suggestions(self, info: Info, first: int = 5) -> list[Product] | None:
        known = self._representation("foodSuggestions", SUGGESTION_INPUTS)
        allergens = suggestions.recorded_allergens(known["medicalRecord"])
        species = known["species"]
        if allergens is None or not isinstance(species, str):
            return None
        return then(loaders(info).food_catalog.load("FOOD"),
                    lambda food: [Product.from_row(r) for r in
                                  food.suggest(species, allergens, first)])

    def _representation(self, field: str, inputs: tuple[str, ...]) -> dict:
        """The profiles fields ``field`` requires; their absence is a planning fault (the
        router did not fetch what ``@requires`` names), not "unknown"."""
        known = self.required or {}
        missing = [k for k in inputs if k not in known]
        if missing:
            raise RuntimeError(f"{field}: representation lacks {', '.join(missing)}")
        return known

    @strawberry.federation.field(requires_scopes=[["orders:read"]],
                                 description="The pet's orders, newest first "
                                             "(null for callers without `orders:read`).")
    def orders(self, info: Info, last: int = 5) -> list[Order] | None:
        key = (self.id, paging.clamp_last(last))
        return then(loaders(info).orders_by_pet_id.load(key),
                    each(Order.from_row))


_product = optional(Product.from_row)


FEEDING_INPUTS = ("species", "neutered", "weightKg", "birthDate")
SUGGESTION_INPUTS = ("species", "medicalRecord")


def _iso_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
