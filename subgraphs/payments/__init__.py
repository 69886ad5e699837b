"""payments subgraph (PostgreSQL): payments and insurance policies.

Extends ``Appointment.payment`` and ``Order.payment`` (the newest payment of each), and
``Pet.insurance`` (the active policy). Reads, admin refunds (``paymentRefund``) with
``paymentStatusChanged`` live over Redis events; Stripe, webhooks,
campaigns, payouts and wallets come later. Exposes ``NAME``, ``build_schema(dev)``,
``definition(settings, loaders)``.
"""

from __future__ import annotations

from subgraphs.shared.app import SubgraphDefinition
from subgraphs.shared.settings import SubgraphSettings

NAME = "payments"


def build_schema(dev: bool = True):
    from subgraphs.payments.mutations import Mutation
    from subgraphs.payments.queries import Query
    from subgraphs.payments.subscriptions import Subscription
    from subgraphs.payments.types import Appointment, InsurancePolicy, Money, Order, Payment, Pet
    from subgraphs.shared.schema import build_schema as build

    return build(Query, mutation=Mutation, subscription=Subscription,
                 types=[Payment, InsurancePolicy, Appointment, Order, Pet, Money], dev=dev)


def definition(settings: SubgraphSettings, loaders):
    from subgraphs.shared.resources import sql_lifespan

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              sql_lifespan(settings, use_redis=True), loaders)
