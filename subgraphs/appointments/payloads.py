"""appointments mutation payloads: the appointment (or null) and the payload errors."""

from __future__ import annotations

import strawberry

from subgraphs.appointments.errors import AppointmentErrorCode
from subgraphs.appointments.models import Appointment as AppointmentRow
from subgraphs.appointments.types import Appointment
from subgraphs.shared.payloads import Failure, PayloadError, payload_error


@payload_error(AppointmentErrorCode)
class AppointmentError(PayloadError):
    """Why a mutation of this domain changed nothing (``code``, input ``field``, ``message``)."""


@strawberry.type
class AppointmentTransitionPayload:
    appointment: Appointment | None
    errors: list[AppointmentError]


@strawberry.type
class AppointmentBookPayload:
    appointment: Appointment | None
    errors: list[AppointmentError]


@strawberry.type
class AppointmentReschedulePayload:
    appointment: Appointment | None
    errors: list[AppointmentError]


def outcome(payload, row: AppointmentRow | None, failure: Failure | None):
    """``payload`` (one of the types above) of a service's ``(row, failure)``."""
    if failure:
        return payload(appointment=None, errors=AppointmentError.list_of(failure))
    assert row is not None  # a service returns the row whenever there is no failure
    return payload(appointment=Appointment.from_row(row), errors=[])
