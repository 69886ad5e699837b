"""commerce tables (PostgreSQL schema ``commerce``).

Money is integer minor units (``*_cents``) plus an ISO 4217 ``currency``; an order has one
currency and its items are priced in it. Line items live in ``order_item`` keyed by
``(order_id, position)``; the unit price is copied from the product when the order is placed,
so later price changes never alter past orders. Food products name the species they are
for and the common allergens they contain (food suggestions exclude a pet's allergens).
``pet_id`` refers to profiles' Pet (no foreign key across schemas).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, DateTime, Index, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field, SQLModel

SCHEMA = "commerce"
metadata = SQLModel.metadata


class Product(SQLModel, table=True):
    __tablename__ = "product"
    __table_args__ = (CheckConstraint("price_cents >= 0", name="ck_product_price_nonnegative"),
                      {"schema": SCHEMA})

    id: uuid.UUID = Field(primary_key=True)
    sku: str = Field(max_length=32, unique=True)
    name: str
    category: str = Field(max_length=16, index=True)
    price_cents: int
    currency: str = Field(max_length=3)
    prescription_only: bool
    # Species the product is made for (empty: any; NULL: not declared, never suggested) and
    # the common allergens it contains (NULL: not declared, so never suggested to an allergic
    # pet): what food suggestions filter on.
    species: list[str] | None = Field(default=None, sa_column=Column(
        ARRAY(String(16)), nullable=True))
    allergens: list[str] | None = Field(default=None, sa_column=Column(
        ARRAY(String(64)), nullable=True))


class Order(SQLModel, table=True):
    __tablename__ = "order"
    __table_args__ = (Index("ix_order_pet_created", "pet_id", "created_at"),
                      Index("ix_order_owner_created", "owner_id", "created_at"),
                      {"schema": SCHEMA})

    id: uuid.UUID = Field(primary_key=True)
    owner_id: uuid.UUID
    pet_id: uuid.UUID | None = None
    status: str = Field(max_length=16)
    currency: str = Field(max_length=3)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class OrderItem(SQLModel, table=True):
    __tablename__ = "order_item"
    __table_args__ = (CheckConstraint("quantity > 0", name="ck_order_item_quantity_positive"),
                      CheckConstraint("unit_price_cents >= 0",
                                      name="ck_order_item_price_nonnegative"),
                      {"schema": SCHEMA})

    order_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.order.id", primary_key=True)
    position: int = Field(primary_key=True)
    product_id: uuid.UUID = Field(foreign_key=f"{SCHEMA}.product.id", index=True)
    quantity: int
    unit_price_cents: int
