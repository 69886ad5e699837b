"""Plain records of the demo world, one dataclass per stored row/document."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Account:
    id: str
    email: str
    display_name: str
    roles: list[str]
    clinic_id: str | None = None


@dataclass
class Owner:
    id: str
    name: str
    email: str
    phone: str
    city: str


@dataclass
class Pet:
    id: str
    owner_id: str
    name: str
    species: str
    breed: str
    sex: str
    neutered: bool
    birth_date: date
    weights: list[tuple[date, float]]
    microchip: tuple[str, str] | None
    vaccinations: list[tuple[str, date, date]] = field(default_factory=list)
    allergies: list[tuple[str, str, str]] = field(default_factory=list)
    conditions: list[tuple[str, date, str]] = field(default_factory=list)


@dataclass
class Clinic:
    id: str
    name: str
    address: str
    city: str
    latitude: float
    longitude: float
    phone: str
    services: list[str]


@dataclass
class Vet:
    id: str
    clinic_id: str
    name: str
    specialities: list[str]
    account_id: str | None = None


@dataclass
class Appointment:
    id: str
    pet_id: str
    owner_id: str
    clinic_id: str
    vet_id: str
    kind: str
    status: str
    starts_at: datetime
    duration_minutes: int
    reason: str


@dataclass
class Device:
    id: str
    pet_id: str
    serial: str
    model: str
    bound_at: datetime


@dataclass
class CarePlan:
    id: str
    pet_id: str
    condition: str
    title: str
    status: str
    started_on: date


@dataclass
class Consultation:
    id: str
    pet_id: str
    owner_id: str
    vet_id: str
    status: str
    scheduled_at: datetime
    topic: str


@dataclass
class Product:
    id: str
    sku: str
    name: str
    category: str
    price_cents: int
    prescription_only: bool
    species: tuple[str, ...] | None = None  # made for (empty: any species; None: undeclared)
    allergens: tuple[str, ...] | None = None  # common allergens it contains (None: undeclared)


@dataclass
class Order:
    id: str
    owner_id: str
    pet_id: str | None
    status: str
    created_at: datetime
    items: list[tuple[str, int, int]]  # product id, quantity, unit price (cents)

    @property
    def total_cents(self) -> int:
        return sum(qty * price for _, qty, price in self.items)


@dataclass
class TrainingPlan:
    id: str
    pet_id: str
    kind: str
    title: str
    status: str
    started_on: date
    sessions_per_week: int
    completed_sessions: int
    target_sessions: int


@dataclass
class Payment:
    id: str
    appointment_id: str | None
    order_id: str | None
    owner_id: str
    amount_cents: int
    currency: str
    status: str
    created_at: datetime


@dataclass
class InsurancePolicy:
    id: str
    pet_id: str
    owner_id: str
    provider: str
    plan_name: str
    status: str
    monthly_premium_cents: int
    coverage_limit_cents: int
    renews_on: date
