"""profiles Query fields."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.profiles.context import loaders, sharing_service
from subgraphs.profiles.errors import emergency_error
from subgraphs.profiles.service.sharing import EmergencyDenied
from subgraphs.profiles.types import EmergencySummary, Owner, Pet, PetAccessGrant
from subgraphs.shared.schema import list_size


@strawberry.type
class Query:
    @strawberry.federation.field(authenticated=True, requires_scopes=[["pets:read"]],
                                 description="A pet the caller may see, or null.")
    async def pet(self, info: Info, id: strawberry.ID) -> Pet | None:
        info.context.require_user()
        doc = await loaders(info).pet_by_id.load(id)
        return Pet.from_doc(doc) if doc else None

    @strawberry.federation.field(authenticated=True, requires_scopes=[["pets:read"]],
                                 description="The caller's own pets, by name.",
                                 directives=[list_size(assumed=20)])
    async def my_pets(self, info: Info) -> list[Pet]:
        user = info.context.require_user()
        return [Pet.from_doc(d) for d in await loaders(info).pets_by_owner_id.load(user)]

    @strawberry.federation.field(authenticated=True,
                                 description="The calling account's owner profile.")
    async def me(self, info: Info) -> Owner | None:
        user = info.context.require_user()
        doc = await loaders(info).owner_by_id.load(user)
        return Owner.from_doc(doc) if doc else None

    @strawberry.field(description="A pet's emergency summary, for whoever holds its emergency "
                                  "link token (no account needed). Attempts are rate limited.")
    async def emergency_summary(self, info: Info, token: str) -> EmergencySummary | None:
        try:
            view = await sharing_service(info).emergency_view(token, info.context.principal.address)
        except EmergencyDenied as denied:
            raise emergency_error(denied.reason) from None
        return EmergencySummary.from_view(view)

    @strawberry.federation.field(authenticated=True, requires_scopes=[["pets:write"]],
                                 description="Active access grants of pets the caller owns.")
    async def pet_access_grants(self, info: Info, pet_id: strawberry.ID) -> list[PetAccessGrant]:
        info.context.require_user()
        docs = await sharing_service(info).grants_of_pets(info.context.principal, [str(pet_id)])
        return [PetAccessGrant.from_doc(d) for d in docs]
