"""appointments input types: booking, rescheduling and the lifecycle transitions."""

from __future__ import annotations

from datetime import datetime

import strawberry

from subgraphs.appointments.service.schedule import DEFAULT_DURATION
from subgraphs.appointments.types import VisitKind


@strawberry.input(description="Book a visit for a pet the caller owns or it is shared with; "
                              "pick a slot from `availability`. The visit starts `requested`.")
class AppointmentBookInput:
    pet_id: strawberry.ID
    vet_id: strawberry.ID
    starts_at: datetime
    reason: str
    kind: VisitKind = VisitKind.CLINIC
    duration_minutes: int = DEFAULT_DURATION


@strawberry.input(description="Move a requested or confirmed visit (optionally to another vet "
                              "of the same clinic, or with another length).")
class AppointmentRescheduleInput:
    appointment_id: strawberry.ID
    starts_at: datetime
    duration_minutes: int | None = None
    vet_id: strawberry.ID | None = None


@strawberry.input
class AppointmentTransitionInput:
    appointment_id: strawberry.ID


@strawberry.input
class AppointmentEnRouteInput:
    appointment_id: strawberry.ID
    eta_minutes: int
