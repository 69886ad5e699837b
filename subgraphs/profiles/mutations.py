"""profiles Mutation fields: emergency links and pet access grants (owners and admins);
registering and editing pets comes from ``pet_mutations.PetMutation``."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from auth.principal import Principal

from subgraphs.profiles.inputs import (PetAccessGrantInput, PetAccessRevokeInput,
                                       PetEmergencyLinkCreateInput, PetEmergencyLinkRevokeInput)
from subgraphs.profiles.pet_mutations import PetMutation
from subgraphs.profiles.sharing import GrantKind, SharingService
from subgraphs.profiles.sharing_types import (EmergencyLink, PetAccessGrant, PetAccessGrantPayload,
                                              PetAccessRevokePayload, PetEmergencyLinkCreatePayload,
                                              PetEmergencyLinkRevokePayload, errors_of)


def sharing(info: Info) -> SharingService:
    state = info.context.resources
    return SharingService(state.mongo, state.redis, state.redis_prefix)


def _caller(info: Info) -> Principal:
    info.context.require_user()
    return info.context.principal


def _write(description: str):
    return strawberry.federation.mutation(authenticated=True, requires_scopes=[["pets:write"]],
                                          description=description)


@strawberry.type
class Mutation(PetMutation):
    @_write("Make an expiring emergency link (QR) to a pet's emergency summary.")
    async def pet_emergency_link_create(
            self, info: Info, input: PetEmergencyLinkCreateInput) -> PetEmergencyLinkCreatePayload:
        new, problems = await sharing(info).create_link(_caller(info),
                                                        str(input.pet_id), input.expires_in_hours)
        if new is None:
            return PetEmergencyLinkCreatePayload(link=None, token=None, url=None,
                                                 errors=errors_of(problems))
        base = info.context.resources.emergency_link_base_url
        return PetEmergencyLinkCreatePayload(link=EmergencyLink.from_doc(new.link), token=new.token,
                                             url=f"{base}{new.token}", errors=[])

    @_write("Revoke an emergency link at once.")
    async def pet_emergency_link_revoke(
            self, info: Info, input: PetEmergencyLinkRevokeInput) -> PetEmergencyLinkRevokePayload:
        link, problems = await sharing(info).revoke_link(_caller(info),
                                                         str(input.link_id))
        return PetEmergencyLinkRevokePayload(link=EmergencyLink.from_doc(link) if link else None,
                                             errors=errors_of(problems))

    @_write("Share a pet with another account (co-owner, or sitter until it expires).")
    async def pet_access_grant(self, info: Info, input: PetAccessGrantInput) -> PetAccessGrantPayload:
        doc, problems = await sharing(info).grant(
            _caller(info), str(input.pet_id), str(input.grantee_id),
            GrantKind(input.kind.value), input.expires_in_hours)
        return PetAccessGrantPayload(grant=PetAccessGrant.from_doc(doc) if doc else None,
                                     errors=errors_of(problems))

    @_write("Withdraw a shared access at once.")
    async def pet_access_revoke(self, info: Info,
                                input: PetAccessRevokeInput) -> PetAccessRevokePayload:
        doc, problems = await sharing(info).revoke_grant(_caller(info),
                                                         str(input.grant_id))
        return PetAccessRevokePayload(grant=PetAccessGrant.from_doc(doc) if doc else None,
                                      errors=errors_of(problems))
