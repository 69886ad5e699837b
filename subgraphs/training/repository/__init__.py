"""All training statements, by entity; reads take the principal and filter in the query
through the entity's visibility hook; never commits.

- ``plans``: training plans (``training_plans_visible_to``)
"""

from __future__ import annotations

from subgraphs.training.repository.plans import (
                                                 training_plans_by_ids,
                                                 training_plans_by_pet_ids,
                                                 training_plans_visible_to,
)

__all__ = ["training_plans_by_ids", "training_plans_by_pet_ids", "training_plans_visible_to"]
