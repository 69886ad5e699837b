"""All telehealth statements, by entity; reads take the principal and filter in the query
through the entity's visibility hook; never commits.

- ``consultations``: consultations, the status write (``consultations_visible_to``)
- ``messages``: chat messages (``messages_visible_to``)
"""

from __future__ import annotations

from subgraphs.telehealth.repository.consultations import (
                                                           consultation_for_update,
                                                           consultations_by_ids,
                                                           consultations_visible_to,
                                                           newest_consultations_by_pet_ids,
                                                           set_consultation_status,
)
from subgraphs.telehealth.repository.messages import (
                                                           add_message,
                                                           messages_by_consultation_ids,
                                                           messages_by_ids,
                                                           messages_visible_to,
)

__all__ = ["add_message", "consultation_for_update", "consultations_by_ids",
           "consultations_visible_to", "messages_by_consultation_ids", "messages_by_ids",
           "messages_visible_to", "newest_consultations_by_pet_ids", "set_consultation_status"]
