"""All commerce statements, by entity; reads take the principal and filter in the query
through the entity's visibility hook; never commits.

- ``products``: the public catalogue (``products_visible_to``)
- ``orders``: orders, their line items, the fulfilment write (``orders_visible_to``)
"""

from __future__ import annotations

from subgraphs.commerce.repository.orders import (
                                                  items_by_order_ids,
                                                  newest_orders_by_pet_ids,
                                                  order_for_update,
                                                  orders_by_ids,
                                                  orders_of_owner,
                                                  orders_visible_to,
                                                  set_order_status,
)
from subgraphs.commerce.repository.products import food_catalog, list_products, products_by_ids, products_visible_to

__all__ = ["food_catalog", "items_by_order_ids", "list_products", "newest_orders_by_pet_ids",
           "order_for_update", "orders_by_ids", "orders_of_owner", "orders_visible_to",
           "products_by_ids", "products_visible_to", "set_order_status"]
