"""profiles Mutation fields for registering and editing pets (``petRegister``,
``petUpdate``, ``petWeightRecord``); the rules are in ``pets``."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.profiles import pets
from subgraphs.profiles.inputs import PetRegisterInput, PetUpdateInput, PetWeightRecordInput
from subgraphs.profiles.sharing_types import ProfileError, errors_of
from subgraphs.profiles.types import Pet


@strawberry.type
class PetRegisterPayload:
    pet: Pet | None
    errors: list[ProfileError]


@strawberry.type
class PetUpdatePayload:
    pet: Pet | None
    errors: list[ProfileError]


@strawberry.type
class PetWeightRecordPayload:
    pet: Pet | None
    errors: list[ProfileError]


def _service(info: Info) -> pets.PetService:
    state = info.context.resources
    return pets.PetService(state.mongo, state.redis, state.redis_prefix, state)


def _value(value):
    """Strawberry's UNSET -> the service's UNSET; enums -> their value."""
    if value is strawberry.UNSET:
        return pets.UNSET
    return getattr(value, "value", value)


def _payload(cls, doc, problems):
    return cls(pet=Pet.from_doc(doc) if doc else None, errors=errors_of(problems))


def _write(description: str):
    return strawberry.federation.mutation(authenticated=True, requires_scopes=[["pets:write"]],
                                          description=description)


@strawberry.type
class PetMutation:
    @_write("Register a pet of the calling owner (shows up in `myPets` at once).")
    async def pet_register(self, info: Info, input: PetRegisterInput) -> PetRegisterPayload:
        info.context.require_user()
        fields = pets.PetFields(**{k: _value(getattr(input, k)) for k in (
            "name", "species", "breed", "sex", "neutered", "birth_date", "microchip",
            "weight_kg")})
        doc, problems = await _service(info).register(info.context.principal, fields)
        return _payload(PetRegisterPayload, doc, problems)

    @_write("Change some fields of a pet (its owner, a co-owner or an admin).")
    async def pet_update(self, info: Info, input: PetUpdateInput) -> PetUpdatePayload:
        info.context.require_user()
        fields = pets.PetFields(**{k: _value(getattr(input, k)) for k in (
            "name", "species", "breed", "sex", "neutered", "birth_date", "microchip")})
        doc, problems = await _service(info).update(info.context.principal, str(input.pet_id),
                                                    fields)
        return _payload(PetUpdatePayload, doc, problems)

    @_write("Add a weighing to a pet's weight history (its owner, a co-owner or an admin).")
    async def pet_weight_record(self, info: Info,
                                input: PetWeightRecordInput) -> PetWeightRecordPayload:
        info.context.require_user()
        doc, problems = await _service(info).record_weight(
            info.context.principal, str(input.pet_id), input.kg, input.recorded_on)
        return _payload(PetWeightRecordPayload, doc, problems)
