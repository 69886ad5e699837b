"""The booking lifecycle as an explicit state machine (no GraphQL, no I/O).

    requested -> confirmed -> checked_in -> in_progress -> completed
    requested/confirmed -> cancelled ; confirmed -> no_show
    home visits: confirmed -> en_route -> checked_in (with a live ETA while en route)

``allowed(actor, appointment, to)`` says whether a principal may make a transition:
owners may cancel their own pet's upcoming visit; the assigned vet, a clinic admin of the
appointment's clinic and admins may move it along. Everything else is refused. Accounts the
pet is shared with (co-owners, sitters: ``Principal.granted_pet_ids``) act as its owner.

Booking (``may_book``) is for the pet's owner, accounts it is shared with and admins;
rescheduling (``may_reschedule``) for them and the staff above, while the visit is
``RESCHEDULABLE``. An owner's reschedule needs the clinic to confirm again (``requested``);
staff reschedules keep the status.

A vet's queue (``vetQueueChanged``) is watched by the vet, staff (vet / clinic admin) of the
vet's clinic and admins (``may_watch_queue``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from auth.principal import Principal, Role


class Status(StrEnum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    EN_ROUTE = "en_route"
    CHECKED_IN = "checked_in"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.REQUESTED: frozenset({Status.CONFIRMED, Status.CANCELLED}),
    Status.CONFIRMED: frozenset({Status.CHECKED_IN, Status.EN_ROUTE, Status.CANCELLED,
                                 Status.NO_SHOW}),
    Status.EN_ROUTE: frozenset({Status.EN_ROUTE, Status.CHECKED_IN, Status.CANCELLED}),
    Status.CHECKED_IN: frozenset({Status.IN_PROGRESS}),
    Status.IN_PROGRESS: frozenset({Status.COMPLETED}),
    Status.COMPLETED: frozenset(),
    Status.CANCELLED: frozenset(),
    Status.NO_SHOW: frozenset(),
}
OWNER_MAY = frozenset({Status.CANCELLED})
RESCHEDULABLE = frozenset({Status.REQUESTED, Status.CONFIRMED})
TERMINAL = frozenset({Status.COMPLETED, Status.CANCELLED, Status.NO_SHOW})
QUEUE_STAFF = (Role.VET, Role.CLINIC_ADMIN)
# Statuses that hold the vet's time: an exclusion constraint forbids overlaps among these.
HOLDS_SLOT = tuple(s.value for s in Status if s not in {Status.CANCELLED, Status.NO_SHOW})
# Statuses of a visit still to come or under way (``Pet.nextAppointment`` picks among these).
OPEN_STATUSES = frozenset(s.value for s in Status if s not in TERMINAL)


@dataclass(frozen=True)
class Booking:
    """What the rules need to know about an appointment."""

    owner_id: str
    clinic_id: str
    vet_account_id: str | None
    kind: str
    status: Status
    pet_id: str | None = None


def can_move(current: Status, to: Status, kind: str) -> bool:
    if to not in TRANSITIONS[current]:
        return False
    return to is not Status.EN_ROUTE or kind == "HOME_VISIT"


def _staff(actor: Principal, booking: Booking) -> bool:
    if actor.is_admin:
        return True
    if actor.user_id is not None and actor.user_id == booking.vet_account_id:
        return True
    return actor.has_role(Role.CLINIC_ADMIN) and actor.clinic_id == booking.clinic_id


def _owner_side(actor: Principal, booking: Booking) -> bool:
    return actor.has_role(Role.OWNER) and actor.user_id is not None and (
        actor.user_id == booking.owner_id or booking.pet_id in actor.granted_pet_ids)


def allowed(actor: Principal, booking: Booking, to: Status) -> bool:
    if _staff(actor, booking):
        return True
    return _owner_side(actor, booking) and to in OWNER_MAY


def may_book(actor: Principal, pet_id: str, pet_owner_id: str) -> bool:
    if actor.is_admin:
        return True
    return actor.has_role(Role.OWNER) and actor.user_id is not None and (
        actor.user_id == pet_owner_id or pet_id in actor.granted_pet_ids)


def may_reschedule(actor: Principal, booking: Booking) -> bool:
    return _staff(actor, booking) or _owner_side(actor, booking)


def status_after_reschedule(actor: Principal, booking: Booking) -> Status:
    return booking.status if _staff(actor, booking) else Status.REQUESTED


def may_watch_queue(principal: Principal, vet) -> bool:
    """The vet themself, staff (vet / clinic admin) of the vet's clinic, or an admin."""
    if principal.is_admin:
        return True
    if principal.user_id is not None and str(vet.account_id) == principal.user_id:
        return True
    return (any(principal.has_role(r) for r in QUEUE_STAFF)
            and principal.clinic_id == str(vet.clinic_id))
