"""profiles Mutation fields: registering and editing pets (``petRegister``, ``petUpdate``,
``petWeightRecord``), emergency links and pet access grants (owners and admins). The rules
are in ``service.pets`` and ``service.sharing``."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from auth.principal import Principal
from subgraphs.profiles.context import pet_service, sharing_service
from subgraphs.profiles.inputs import (
    PetAccessGrantInput,
    PetAccessRevokeInput,
    PetEmergencyLinkCreateInput,
    PetEmergencyLinkRevokeInput,
    PetRegisterInput,
    PetUpdateInput,
    PetWeightRecordInput,
)
from subgraphs.profiles.payloads import (
    PetAccessGrantPayload,
    PetAccessRevokePayload,
    PetEmergencyLinkCreatePayload,
    PetEmergencyLinkRevokePayload,
    PetRegisterPayload,
    PetUpdatePayload,
    PetWeightRecordPayload,
    errors_of,
)
from subgraphs.profiles.service import pets
from subgraphs.profiles.service.sharing import GrantKind
from subgraphs.profiles.types import EmergencyLink, Pet, PetAccessGrant


def _caller(info: Info) -> Principal:
    info.context.require_user()
    return info.context.principal


def _write(description: str):
    return strawberry.federation.mutation(authenticated=True, requires_scopes=[["pets:write"]],
                                          description=description)


def _value(value):
    """Strawberry's UNSET -> the service's UNSET; enums -> their value."""
    if value is strawberry.UNSET:
        return pets.UNSET
    return getattr(value, "value", value)


def _fields(input, names: tuple[str, ...]) -> pets.PetFields:
    return pets.PetFields(**{k: _value(getattr(input, k)) for k in names})


def _pet_payload(cls, doc, problems):
    return cls(pet=Pet.from_doc(doc) if doc else None, errors=errors_of(problems))


@strawberry.type
class Mutation:
    @_write("Register a pet of the calling owner (shows up in `myPets` at once).")
    async def pet_register(self, info: Info, input: PetRegisterInput) -> PetRegisterPayload:
        info.context.require_user()
        fields = _fields(input, ("name", "species", "breed", "sex", "neutered", "birth_date",
                                 "microchip", "weight_kg"))
        doc, problems = await pet_service(info).register(info.context.principal, fields)
        return _pet_payload(PetRegisterPayload, doc, problems)

    @_write("Change some fields of a pet (its owner, a co-owner or an admin).")
    async def pet_update(self, info: Info, input: PetUpdateInput) -> PetUpdatePayload:
        info.context.require_user()
        fields = _fields(input, ("name", "species", "breed", "sex", "neutered", "birth_date",
                                 "microchip"))
        doc, problems = await pet_service(info).update(info.context.principal,
                                                       str(input.pet_id), fields)
        return _pet_payload(PetUpdatePayload, doc, problems)

    @_write("Add a weighing to a pet's weight history (its owner, a co-owner or an admin).")
    async def pet_weight_record(self, info: Info,
                                input: PetWeightRecordInput) -> PetWeightRecordPayload:
        info.context.require_user()
        doc, problems = await pet_service(info).record_weight(
            info.context.principal, str(input.pet_id), input.kg, input.recorded_on)
        return _pet_payload(PetWeightRecordPayload, doc, problems)

    @_write("Make an expiring emergency link (QR) to a pet's emergency summary.")
    async def pet_emergency_link_create(
            self, info: Info, input: PetEmergencyLinkCreateInput) -> PetEmergencyLinkCreatePayload:
        new, problems = await sharing_service(info).create_link(
            _caller(info), str(input.pet_id), input.expires_in_hours)
        if new is None:
            return PetEmergencyLinkCreatePayload(link=None, token=None, url=None,
                                                 errors=errors_of(problems))
        base = info.context.resources.emergency_link_base_url
        return PetEmergencyLinkCreatePayload(link=EmergencyLink.from_doc(new.link), token=new.token,
                                             url=f"{base}{new.token}", errors=[])

    @_write("Revoke an emergency link at once.")
    async def pet_emergency_link_revoke(
            self, info: Info, input: PetEmergencyLinkRevokeInput) -> PetEmergencyLinkRevokePayload:
        link, problems = await sharing_service(info).revoke_link(_caller(info),
                                                                 str(input.link_id))
        return PetEmergencyLinkRevokePayload(link=EmergencyLink.from_doc(link) if link else None,
                                             errors=errors_of(problems))

    @_write("Share a pet with another account (co-owner, or sitter until it expires).")
    async def pet_access_grant(self, info: Info, input: PetAccessGrantInput) -> PetAccessGrantPayload:
        doc, problems = await sharing_service(info).grant(
            _caller(info), str(input.pet_id), str(input.grantee_id),
            GrantKind(input.kind.value), input.expires_in_hours)
        return PetAccessGrantPayload(grant=PetAccessGrant.from_doc(doc) if doc else None,
                                     errors=errors_of(problems))

    @_write("Withdraw a shared access at once.")
    async def pet_access_revoke(self, info: Info,
                                input: PetAccessRevokeInput) -> PetAccessRevokePayload:
        doc, problems = await sharing_service(info).revoke_grant(_caller(info),
                                                                 str(input.grant_id))
        return PetAccessRevokePayload(grant=PetAccessGrant.from_doc(doc) if doc else None,
                                      errors=errors_of(problems))
