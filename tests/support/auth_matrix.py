"""Callers, targets and outcomes of the role x operation matrix (tests/e2e/test_auth_matrix.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from auth.keys import load_key

CALLERS = ["anonymous", "expired", "owner", "other_owner", "vet", "clinic_admin", "partner",
           "admin"]


@dataclass(frozen=True)
class Targets:
    pet_id: str
    appointment_id: str
    clinic_id: str
    owner_email: str
    vet_id: str = ""


def targets(world) -> Targets:
    """A pet with a completed visit with the demo vet (so the vet may act on it), that visit,
    that clinic."""
    vet = next(a for a in world.accounts if a.email == "vet@demo.test")
    vet_id = next(v.id for v in world.vets if v.account_id == vet.id)
    pets = {p.id: p for p in world.pets}
    owners = {o.id: o for o in world.owners}
    visit = next(a for a in sorted(world.appointments, key=lambda a: a.id)
                 if a.vet_id == vet_id and a.status == "completed"
                 and owners[pets[a.pet_id].owner_id].email != "owner2@demo.test")
    return Targets(visit.pet_id, visit.id, vet.clinic_id,
                   owners[pets[visit.pet_id].owner_id].email, vet_id)


def token_for(caller: str, world, settings, issue_token, t: Targets) -> str | None:
    email = {"owner": t.owner_email, "other_owner": "owner2@demo.test",
             "vet": "vet@demo.test", "clinic_admin": "clinic@demo.test",
             "partner": "partner@demo.test", "admin": "admin@demo.test",
             "expired": t.owner_email}.get(caller)
    if email is None:
        return None
    account = next(a for a in world.accounts if a.email == email)
    if caller != "expired":
        return issue_token(account)
    now = int(time.time())
    claims = {"iss": settings.auth.issuer, "aud": settings.auth.audience, "sub": account.id,
              "iat": now - 1000, "exp": now - 100, "roles": account.roles,
              "scope": "pets:read"}
    return jwt.encode(claims, load_key(settings, "issuer").private_key(), algorithm="EdDSA")


def variables(operation, t: Targets) -> dict:
    """Values for an operation's variables, by name."""
    from graphql import parse

    today = datetime.now(UTC).date()
    values = {"id": _id_for(operation, t), "petId": t.pet_id, "email": "admin@demo.test",
              "password": "wrong password", "first": 5, "clinicId": t.clinic_id,
              "startDate": str(today + timedelta(days=1)), "endDate": str(today + timedelta(days=7)),
              "input": _input_for(operation, t)}
    names = [v.variable.name.value for d in parse(operation.document).definitions
             if getattr(d, "variable_definitions", None) for v in d.variable_definitions]
    return {n: values[n] for n in names if n in values}


def _input_for(operation, t: Targets) -> dict | None:
    """Booking and pet inputs that pass every authorisation check and then break a business rule
    (a time in the past; the target visit is completed), so no cell changes the data."""
    past = (datetime.now(UTC) - timedelta(days=2)).replace(hour=9, minute=0, second=0,
                                                           microsecond=0).isoformat()
    if "appointmentBook(" in operation.document:
        return {"petId": t.pet_id, "vetId": t.vet_id, "startsAt": past, "reason": "matrix"}
    if "appointmentReschedule(" in operation.document:
        return {"appointmentId": t.appointment_id, "startsAt": past}
    if "petRegister(" in operation.document:  # a weight out of range: nothing registered
        return {"name": "Matrix", "species": "DOG", "weightKg": -1}
    if "petUpdate(" in operation.document:
        return {"petId": t.pet_id, "name": " "}
    if "petWeightRecord(" in operation.document:
        return {"petId": t.pet_id, "kg": 0}
    return None


def _id_for(operation, t: Targets) -> str:
    doc = operation.document
    if "clinic(id:" in doc:
        return t.clinic_id
    if "pet(id:" in doc:
        return t.pet_id
    return t.appointment_id


def outcome(status: int, body: dict) -> str:
    """One word per cell.

    UNAUTHENTICATED / FORBIDDEN: refused for who the caller is (no data); REFUSED: refused
    for how it was asked (e.g. a partner outside its safelist); DENIED: a mutation payload
    says FORBIDDEN/NOT_FOUND; REJECTED: authorised, but the business rule said no (e.g.
    INVALID_TRANSITION, INVALID_CREDENTIALS); HIDDEN: null or empty (object-level rules);
    PARTIAL: data with some fields refused; OK: data.
    """
    codes = {(e.get("extensions") or {}).get("code") for e in body.get("errors") or ()}
    data = body.get("data") or {}
    roots = list(data.values())
    empty = all(r is None for r in roots)
    if status == 401 or ("UNAUTHENTICATED" in codes and empty):
        return "UNAUTHENTICATED"
    if "FORBIDDEN" in codes and empty:
        return "FORBIDDEN"
    if codes and not roots:
        return "REFUSED"
    payload = {e.get("code") for r in roots if isinstance(r, dict) for e in r.get("errors") or ()}
    if payload & {"FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED"}:
        return "DENIED"
    if payload:
        return "REJECTED"
    if all(r in (None, []) for r in roots):
        return "HIDDEN"
    return "PARTIAL" if codes & {"FORBIDDEN", "UNAUTHENTICATED"} else "OK"
