"""The events of a consultation: all on ``consultation:<id>``, told apart by ``type``.

They are notifications (``persistence.events``), sent after commit - the rows are the state;
subscribers re-read them.
"""

from __future__ import annotations

from typing import Any

MESSAGE_ADDED = "MessageAdded"
STATUS_CHANGED = "ConsultationStatusChanged"


def topic(consultation_id: str) -> str:
    return f"consultation:{consultation_id}"


def message_added(consultation_id: str, message_id: str) -> tuple[list[str], dict[str, Any]]:
    """(topics, payload) of a new chat message."""
    return [topic(consultation_id)], {"type": MESSAGE_ADDED, "consultationId": consultation_id,
                                      "messageId": message_id}


def status_changed(consultation_id: str, status: str) -> tuple[list[str], dict[str, Any]]:
    """(topics, payload) of a status move."""
    return [topic(consultation_id)], {"type": STATUS_CHANGED, "consultationId": consultation_id,
                                      "status": status}
