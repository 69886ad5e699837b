"""SDL exactly as Strawberry prints it (`federation_version="2.9"`) composes cleanly."""

import strawberry

from supergraph.composition import SubgraphSpec, compose
from supergraph.spec.api_schema import api_schema_sdl


@strawberry.federation.type(keys=["id"])
class Pet:
    id: strawberry.ID
    name: str = strawberry.federation.field(shareable=True)


@strawberry.type
class ProfilesQuery:
    @strawberry.field
    def pets(self) -> list[Pet]:
        return []


@strawberry.federation.type(keys=["id"], name="Pet")
class CarePet:
    id: strawberry.ID
    name: str = strawberry.federation.field(shareable=True)
    weight_kg: float | None = strawberry.federation.field(external=True)

    @strawberry.federation.field(requires=["weightKg"], authenticated=True, requires_scopes=[["care:read"]])
    def dose_mg(self) -> float:
        return 0.0


@strawberry.type(name="Query")
class CareQuery:
    @strawberry.field
    def care_pet(self, id: strawberry.ID) -> CarePet | None:
        return None


@strawberry.federation.type(keys=["id"], name="Pet")
class WeightPet:
    id: strawberry.ID
    weight_kg: float | None = None


@strawberry.type(name="Query")
class WeightQuery:
    @strawberry.field
    def heaviest(self) -> WeightPet | None:
        return None


def _sdl(query) -> str:
    return strawberry.federation.Schema(query=query, federation_version="2.9").as_str()


def test_strawberry_printed_subgraphs_compose():
    result = compose([
        SubgraphSpec("profiles", "http://profiles/graphql", _sdl(ProfilesQuery)),
        SubgraphSpec("chronic_care", "http://chronic-care/graphql", _sdl(CareQuery)),
        SubgraphSpec("weights", "http://weights/graphql", _sdl(WeightQuery)),
    ])

    assert result.errors == ()
    sdl = result.supergraph_sdl
    assert "_Service" not in sdl and "_entities" not in sdl and "_Any" not in sdl
    assert 'doseMg: Float! @join__field(graph: CHRONIC_CARE, requires: "weightKg") @authenticated @requiresScopes(scopes: [["care:read"]])' in sdl
    assert '@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)' in sdl
    assert "carePet(id: ID!): Pet" in api_schema_sdl(sdl)
