"""commerce subgraph (PostgreSQL): products, orders; extends ``Pet.orders``.

Catalogue and order reads, the ``Pet`` extension, admin fulfilment (``orderShip``,
``orderDeliver``) with ``orderStatusChanged`` live over Redis events.
Carts, checkout, coupons, inventory and referrals come later. Exposes ``NAME``,
``build_schema(dev)`` and ``definition(settings, loaders)``.
"""

from __future__ import annotations

from subgraphs.shared.app import SubgraphDefinition
from subgraphs.shared.settings import SubgraphSettings

NAME = "commerce"


def build_schema(dev: bool = True):
    from subgraphs.commerce.mutations import Mutation
    from subgraphs.commerce.queries import Query
    from subgraphs.commerce.subscriptions import Subscription
    from subgraphs.commerce.types import Money, Order, Pet, Product
    from subgraphs.shared.schema import build_schema as build

    return build(Query, mutation=Mutation, subscription=Subscription,
                 types=[Product, Order, Pet, Money], dev=dev)


def definition(settings: SubgraphSettings, loaders):
    from subgraphs.shared.resources import sql_lifespan

    return SubgraphDefinition(NAME, build_schema(settings.is_development),
                              sql_lifespan(settings, use_redis=True), loaders)
