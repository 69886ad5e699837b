"""All payments statements, by entity; reads take the principal and filter in the query
through the entity's visibility hook; never commits.

- ``payments``: payments, the refund write (``payments_visible_to``)
- ``policies``: insurance policies (``insurance_policies_visible_to``)
- ``ownership``: the owner rule both hooks apply
"""

from __future__ import annotations

from subgraphs.payments.repository.payments import (
                                                    newest_payments_by_target,
                                                    payment_for_update,
                                                    payments_by_ids,
                                                    payments_of_owner,
                                                    payments_visible_to,
                                                    set_payment_status,
)
from subgraphs.payments.repository.policies import insurance_policies_visible_to, policies_by_ids, policies_by_pet_ids

__all__ = ["insurance_policies_visible_to", "newest_payments_by_target", "payment_for_update",
           "payments_by_ids", "payments_of_owner", "payments_visible_to", "policies_by_ids",
           "policies_by_pet_ids", "set_payment_status"]
