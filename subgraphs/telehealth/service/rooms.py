"""Jitsi room names of consultations."""

from __future__ import annotations

import hashlib

ROOM_PREFIX = "pawgraph"


def room_name(consultation_id: str) -> str:
    """The Jitsi room of a consultation: stable for an id, not guessable from neighbours.

    A digest of the id (not the id itself) keeps room names opaque and URL-safe. Access to the
    room is protected by the signed join link (Jitsi JWT), not by the name being secret.
    """
    digest = hashlib.sha256(f"{ROOM_PREFIX}:consultation:{consultation_id}".encode()).hexdigest()
    return f"{ROOM_PREFIX}-{digest[:24]}"
