"""Writes the demo world's payments and insurance policies."""

from __future__ import annotations

from pawgraph.demo import World
from pawgraph.demo.seed.common import copy_rows, postgres_url
from pawgraph.settings import Settings
from subgraphs.payments.service import DEFAULT_CURRENCY

SCHEMA = "payments"


async def seed(world: World, settings: Settings) -> dict[str, int]:
    url = postgres_url(settings)
    counts = {}
    counts["payment"] = await copy_rows(
        url, SCHEMA, "payment",
        ["id", "owner_id", "appointment_id", "order_id", "amount_cents", "currency", "status",
         "created_at"],
        [(p.id, p.owner_id, p.appointment_id, p.order_id, p.amount_cents, p.currency, p.status,
          p.created_at) for p in world.payments])
    counts["insurance_policy"] = await copy_rows(
        url, SCHEMA, "insurance_policy",
        ["id", "pet_id", "owner_id", "provider", "plan_name", "status", "monthly_premium_cents",
         "coverage_limit_cents", "currency", "renews_on"],
        [(p.id, p.pet_id, p.owner_id, p.provider, p.plan_name, p.status,
          p.monthly_premium_cents, p.coverage_limit_cents, DEFAULT_CURRENCY, p.renews_on)
         for p in world.policies])
    return counts
