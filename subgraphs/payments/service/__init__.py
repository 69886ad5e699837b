"""payments business rules, one module per rule. No GraphQL, no SQL here.

- ``money``: the default currency
- ``paging``: list limits (``first`` arguments)
- ``policies``: which insurance policy covers a pet
- ``refunds``: SUCCEEDED -> REFUNDED (admins)

``DEFAULT_CURRENCY`` is re-exported here for the demo seed.
"""

from __future__ import annotations

from subgraphs.payments.service.money import DEFAULT_CURRENCY

__all__ = ["DEFAULT_CURRENCY"]
