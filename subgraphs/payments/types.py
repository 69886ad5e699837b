"""payments GraphQL types: Payment and InsurancePolicy entities, Money (shared with commerce).

Extends Appointment (appointments) and Order (commerce) with ``payment``, Pet (profiles) with
``insurance``; those stubs carry only their key.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from subgraphs.payments import models
from subgraphs.payments.context import loaders
from subgraphs.shared.resolving import optional, then


@strawberry.federation.type(shareable=True, description="An amount in minor units of a currency.")
class Money:
    amount_cents: int
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")


@strawberry.enum
class PaymentStatus(Enum):
    PENDING = "PENDING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    REFUNDED = "REFUNDED"


@strawberry.enum
class InsurancePolicyStatus(Enum):
    ACTIVE = "ACTIVE"
    LAPSED = "LAPSED"
    CANCELLED = "CANCELLED"


@strawberry.federation.type(keys=["id"])
class Payment:
    id: strawberry.ID
    amount: Money
    status: PaymentStatus
    created_at: datetime

    @classmethod
    def from_row(cls, row: models.Payment) -> "Payment":
        return cls(id=strawberry.ID(str(row.id)),
                   amount=Money(amount_cents=row.amount_cents, currency=row.currency),
                   status=PaymentStatus(row.status), created_at=row.created_at)

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "Payment | None":
        row = await loaders(info).payment_by_id.load(id)
        return cls.from_row(row) if row else None


@strawberry.federation.type(keys=["id"])
class InsurancePolicy:
    id: strawberry.ID
    provider: str
    plan_name: str
    status: InsurancePolicyStatus
    monthly_premium: Money
    coverage_limit: Money
    renews_on: date
    pet_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: models.InsurancePolicy) -> "InsurancePolicy":
        return cls(id=strawberry.ID(str(row.id)), provider=row.provider,
                   plan_name=row.plan_name, status=InsurancePolicyStatus(row.status),
                   monthly_premium=Money(amount_cents=row.monthly_premium_cents,
                                         currency=row.currency),
                   coverage_limit=Money(amount_cents=row.coverage_limit_cents,
                                        currency=row.currency),
                   renews_on=row.renews_on, pet_id=str(row.pet_id))

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "InsurancePolicy | None":
        row = await loaders(info).insurance_policy_by_id.load(id)
        return cls.from_row(row) if row else None

    @strawberry.field
    def pet(self) -> "Pet":
        return Pet(id=strawberry.ID(self.pet_id))


_payment = optional(Payment.from_row)
_insurance_policy = optional(InsurancePolicy.from_row)


@strawberry.federation.type(keys=["id"])
class Appointment:
    """Owned by appointments."""

    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> "Appointment":
        return cls(id=id)

    @strawberry.federation.field(requires_scopes=[["payments:read"]],
                                 description="The newest payment for this appointment.")
    def payment(self, info: Info) -> Payment | None:
        return then(loaders(info).payment_by_appointment_id.load(self.id), _payment)


@strawberry.federation.type(keys=["id"])
class Order:
    """Owned by commerce."""

    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> "Order":
        return cls(id=id)

    @strawberry.federation.field(requires_scopes=[["payments:read"]],
                                 description="The newest payment for this order.")
    def payment(self, info: Info) -> Payment | None:
        return then(loaders(info).payment_by_order_id.load(self.id), _payment)


@strawberry.federation.type(keys=["id"])
class Pet:
    """Owned by profiles."""

    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> "Pet":
        return cls(id=id)

    @strawberry.federation.field(requires_scopes=[["payments:read"]],
                                 description="The pet's active insurance policy, if any.")
    def insurance(self, info: Info) -> InsurancePolicy | None:
        return then(loaders(info).insurance_policy_by_pet_id.load(self.id),
                    _insurance_policy)
