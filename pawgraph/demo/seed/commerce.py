"""Writes the demo world's products and orders (with their line items)."""

from __future__ import annotations

from pawgraph.demo import World
from pawgraph.demo.seed.common import copy_rows, postgres_url
from pawgraph.settings import Settings
from subgraphs.commerce.service import DEFAULT_CURRENCY

SCHEMA = "commerce"


async def seed(world: World, settings: Settings) -> dict[str, int]:
    url = postgres_url(settings)
    counts = {}
    counts["product"] = await copy_rows(
        url, SCHEMA, "product",
        ["id", "sku", "name", "category", "price_cents", "currency", "prescription_only",
         "species", "allergens"],
        [(p.id, p.sku, p.name, p.category, p.price_cents, DEFAULT_CURRENCY, p.prescription_only,
          None if p.species is None else list(p.species),
          None if p.allergens is None else list(p.allergens))
         for p in world.products])
    counts["order"] = await copy_rows(
        url, SCHEMA, "order", ["id", "owner_id", "pet_id", "status", "currency", "created_at"],
        [(o.id, o.owner_id, o.pet_id, o.status, DEFAULT_CURRENCY, o.created_at)
         for o in world.orders])
    counts["order_item"] = await copy_rows(
        url, SCHEMA, "order_item",
        ["order_id", "position", "product_id", "quantity", "unit_price_cents"],
        [(o.id, position, product_id, quantity, unit_price)
         for o in world.orders
         for position, (product_id, quantity, unit_price) in enumerate(o.items)])
    return counts
