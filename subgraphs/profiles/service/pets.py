"""profiles rules for registering and editing pets. No GraphQL here.

- ``register``: an owner registers a pet of their own (the owner is the caller; inputs never
  carry an account id). Every field is checked first (``BAD_USER_INPUT`` with the field);
  a microchip already registered to any pet is ``CONFLICT`` (the unique index decides).
- ``update``: partial; by the owner, a co-owner (active grant) or an admin, else
  ``NOT_FOUND`` (whether the pet exists is not revealed).
- ``record_weight``: appends one entry (0 < kg <= ``MAX_KG``, not in the future).

Nothing is written when a check fails. After a registration is stored the service tells the
rest of the platform: a durable ``pets`` stream entry ``PetRegistered`` (Redis Stream,
``persistence.streams``; appointments keeps its patient list from it) and a live
notification on ``pet:<id>`` (the shared publisher, ``subgraphs.shared.events``) for every
change. A pet is stored with ``announced: false`` until its stream entry is added; when
Redis refused it, ``pets_relay`` (the profiles process's relay: at start, and within
``RELAY_SECONDS`` after such a refusal) adds it later, so a registration is never lost to
appointments (an entry may arrive twice: consumers are idempotent).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from pymongo.errors import DuplicateKeyError, PyMongoError

from auth.principal import Principal, Role
from auth.tokens import canonical_uuid
from persistence import streams
from subgraphs.profiles.errors import ProfileErrorCode as Code
from subgraphs.profiles.repository import pets as repo
from subgraphs.profiles.service.records import microchip_kind
from subgraphs.shared.events import redis_publisher
from subgraphs.shared.payloads import Failure

log = logging.getLogger(__name__)

PETS_STREAM = "pets"
MAX_NAME, MAX_BREED = 80, 80
MAX_KG = 200.0
OLDEST_YEARS = 60
SPECIES = {"DOG", "CAT", "RABBIT", "BIRD", "REPTILE", "OTHER"}
SEXES = {"FEMALE", "MALE", "UNKNOWN"}
UNSET: Any = object()  # a field the caller did not send (partial update)


@dataclass
class PetFields:
    """Values to write; ``UNSET`` = leave as is. ``microchip``/``birth_date`` None = clear."""

    name: Any = UNSET
    species: Any = UNSET
    breed: Any = UNSET
    sex: Any = UNSET
    neutered: Any = UNSET
    birth_date: Any = UNSET
    microchip: Any = UNSET
    weight_kg: Any = UNSET  # registration only: the first weight entry
    problems: list[Failure] = field(default_factory=list)


def _bad(name: str, message: str) -> Failure:
    return Failure(Code.BAD_USER_INPUT, message, field=name)


def _today() -> date:
    return datetime.now(UTC).date()


def normalize_chip(value: str) -> str:
    """Chips are read out with spaces or dashes; legacy ones are case-insensitive."""
    return "".join(ch for ch in value if ch not in " -").upper()


def check_fields(f: PetFields, *, creating: bool) -> dict[str, Any]:
    """The document fields to set; problems are appended to ``f.problems``."""
    out: dict[str, Any] = {}
    required = {"name": f.name, "species": f.species}
    for key, value in required.items():
        if value is None or (creating and value is UNSET):
            f.problems.append(_bad(key, f"{key} is required"))
    if isinstance(f.name, str):
        name = f.name.strip()
        if not 1 <= len(name) <= MAX_NAME:
            f.problems.append(_bad("name", f"name must be 1-{MAX_NAME} characters"))
        out["name"] = name
    if f.species not in (UNSET, None):
        if f.species not in SPECIES:
            f.problems.append(_bad("species", "unknown species"))
        out["species"] = f.species
    _check_optional(f, out, creating)
    return out


def _check_optional(f: PetFields, out: dict[str, Any], creating: bool) -> None:
    if f.breed is not UNSET or creating:
        breed = (f.breed or "").strip() if f.breed is not UNSET else ""
        if len(breed) > MAX_BREED:
            f.problems.append(_bad("breed", f"breed must be at most {MAX_BREED} characters"))
        out["breed"] = breed
    if f.sex is not UNSET or creating:
        sex = "UNKNOWN" if f.sex in (UNSET, None) else f.sex
        if sex not in SEXES:
            f.problems.append(_bad("sex", "unknown sex"))
        out["sex"] = sex
    if f.neutered is not UNSET or creating:
        if f.neutered is None and not creating:
            f.problems.append(_bad("neutered", "neutered cannot be null"))
        out["neutered"] = bool(f.neutered) if f.neutered is not UNSET else False
    if f.birth_date is not UNSET or creating:
        born = None if f.birth_date is UNSET else f.birth_date
        today = _today()
        if born is not None and (born > today or today.year - born.year > OLDEST_YEARS):
            f.problems.append(_bad("birthDate",
                                   f"birthDate must be in the last {OLDEST_YEARS} years"))
        out["birth_date"] = born.isoformat() if born else None
    if f.microchip is not UNSET or creating:
        out["microchip"] = _chip(f)
    if creating:
        weights = []
        if f.weight_kg not in (UNSET, None):
            if (problem := check_kg(f.weight_kg, "weightKg")) is not None:
                f.problems.append(problem)
            weights.append({"on": _today().isoformat(), "kg": round(float(f.weight_kg), 2)})
        out["weights"] = weights


def _chip(f: PetFields) -> dict | None:
    if f.microchip in (UNSET, None):
        return None
    value = normalize_chip(f.microchip)
    kind = microchip_kind(value)
    if kind is None:
        f.problems.append(_bad("microchip", "microchip must be 15 digits (ISO 11784/11785) "
                                            "or 9-10 letters/digits (legacy)"))
    return {"kind": kind or "", "value": value}


def check_kg(kg: float, name: str = "kg") -> Failure | None:
    if not (kg == kg) or not 0 < kg <= MAX_KG:  # kg == kg: not NaN
        return _bad(name, f"{name} must be more than 0 and at most {MAX_KG:g}")
    return None


def _chip_taken() -> list[Failure]:
    return [Failure(Code.CONFLICT, "this microchip is registered to another pet",
                    field="microchip")]


class PetService:
    def __init__(self, db, redis, prefix: str, state=None) -> None:
        """``state``: the app state whose ``pets_unannounced`` wakes the relay."""
        self.db, self.redis, self.prefix, self.state = db, redis, prefix, state
        self.publish = redis_publisher(redis, prefix)

    async def register(self, principal: Principal,
                       fields: PetFields) -> tuple[dict | None, list[Failure]]:
        if not (principal.user_id and principal.has_role(Role.OWNER)):
            return None, [Failure(Code.FORBIDDEN, "only pet owners register pets")]
        values = check_fields(fields, creating=True)
        if fields.problems:
            return None, fields.problems
        doc = {"_id": str(uuid.uuid4()), "owner_id": principal.user_id, **values,
               "medical": {"vaccinations": [], "allergies": [], "conditions": []},
               "revision": uuid.uuid4().hex, "announced": False}
        try:
            await repo.insert_pet(self.db, doc)
        except DuplicateKeyError:
            return None, _chip_taken()
        await self._announce(doc, "PetRegistered")
        return doc, []

    async def update(self, principal: Principal, pet_id: str,
                     fields: PetFields) -> tuple[dict | None, list[Failure]]:
        pet = await self._writable(principal, pet_id)
        if pet is None:
            return None, [Failure(Code.NOT_FOUND, "pet not found", field="petId")]
        values = check_fields(fields, creating=False)
        if fields.problems:
            return None, fields.problems
        return await self._replace(pet, values, "PetUpdated")

    async def record_weight(self, principal: Principal, pet_id: str, kg: float,
                            on: date | None) -> tuple[dict | None, list[Failure]]:
        pet = await self._writable(principal, pet_id)
        if pet is None:
            return None, [Failure(Code.NOT_FOUND, "pet not found", field="petId")]
        on = on or _today()
        if (problem := check_kg(kg)) is not None:
            return None, [problem]
        if on > _today():
            return None, [_bad("recordedOn", "recordedOn cannot be in the future")]
        born = pet.get("birth_date")
        if born and on.isoformat() < born:
            return None, [_bad("recordedOn", "recordedOn is before the pet was born")]
        entry = {"on": on.isoformat(), "kg": round(float(kg), 2)}
        weights = sorted([*pet.get("weights", []), entry], key=lambda w: w["on"])
        return await self._replace(pet, {"weights": weights}, "PetWeightRecorded")

    async def _writable(self, principal: Principal, pet_id: str) -> dict | None:
        try:
            pet_id = canonical_uuid(pet_id)
        except ValueError:
            return None
        return await repo.writable_pet(self.db, principal, pet_id)

    async def _replace(self, pet: dict, values: dict,
                       event: str) -> tuple[dict | None, list[Failure]]:
        doc = {**pet, **values, "revision": uuid.uuid4().hex}
        try:
            written = await repo.replace_pet(self.db, doc, pet.get("revision"))
        except DuplicateKeyError:
            return None, _chip_taken()
        if not written:
            return None, [Failure(Code.CONFLICT, "the pet was changed meanwhile; reload it")]
        await self._announce(doc, event)
        return doc, []

    async def _announce(self, doc: dict, kind: str) -> None:
        """After the write: durable fact (registration) first, then the live notification."""
        if self.redis is None:  # no Redis configured: the relay of a process with Redis adds it
            return
        payload = {"type": kind, "petId": doc["_id"], "ownerId": doc["owner_id"]}
        if kind == "PetRegistered":
            if await streams.append(self.redis, self.prefix, PETS_STREAM, payload):
                try:
                    await repo.mark_announced(self.db, doc["_id"])
                except PyMongoError as exc:  # the pet is stored: never fail the request now
                    # (a client retry would register it twice); the relay announces it again,
                    # and a repeated entry changes nothing downstream
                    log.warning("pet %s announced but not marked: %s", doc["_id"], exc)
                    if self.state is not None:
                        self.state.pets_unannounced = True
            elif self.state is not None:
                self.state.pets_unannounced = True
        if self.publish is not None:  # set whenever Redis is (checked above)
            await self.publish([f"pet:{doc['_id']}"], payload)

