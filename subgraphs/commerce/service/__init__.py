"""commerce business rules, one module per rule. No GraphQL, no SQL here.

- ``pricing``: line and order totals from stored rows, the default currency
- ``paging``: list limits (``first`` / ``last`` arguments)
- ``feeding``: daily energy need (``Pet.feedingGuide``)
- ``suggestions``: allergen matching and the food range (``Pet.foodSuggestions``)
- ``fulfilment``: order status moves PAID -> SHIPPED -> DELIVERED (admins)

``DEFAULT_CURRENCY`` is re-exported here for the demo seed.
"""

from __future__ import annotations

from subgraphs.commerce.service.pricing import DEFAULT_CURRENCY

__all__ = ["DEFAULT_CURRENCY"]
