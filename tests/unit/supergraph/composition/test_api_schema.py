"""api_schema_sdl: the client-facing schema of any Apollo supergraph (join v0.3 to v0.5)."""

from supergraph.composition import compose
from supergraph.spec.api_schema import api_schema_sdl
from tests.unit.supergraph.composition.fixtures import SCENARIOS

# Shaped like Apollo composition output for federation 2.3 (join v0.3, with @tag and @inaccessible).
APOLLO_JOIN_V03_SUPERGRAPH = '''
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)
  @link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)
  @link(url: "https://specs.apollo.dev/tag/v0.3")
{
  query: Query
  mutation: Mutation
}

directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION

directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE

directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION

directive @join__graph(name: String!, url: String!) on ENUM_VALUE

directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE

directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR

directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION

directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA

directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION | SCHEMA

directive @cacheControl(maxAge: Int) on FIELD

scalar DateTime
  @join__type(graph: PETS)
  @specifiedBy(url: "https://datatracker.ietf.org/doc/html/rfc3339")

interface Node
  @join__type(graph: PETS)
{
  id: ID!
}

scalar join__FieldSet

enum join__Graph {
  PETS @join__graph(name: "pets", url: "http://pets:4001/graphql")
  VISITS @join__graph(name: "visits", url: "http://visits:4002/graphql")
}

scalar link__Import

enum link__Purpose {
  """
  `SECURITY` features provide metadata necessary to securely resolve fields.
  """
  SECURITY

  """
  `EXECUTION` features provide metadata necessary for operation execution.
  """
  EXECUTION
}

type Mutation
  @join__type(graph: VISITS)
{
  visitBook(petId: ID!, at: DateTime!, channel: Channel = CLINIC): Visit
}

enum Channel
  @join__type(graph: VISITS)
{
  CLINIC @join__enumValue(graph: VISITS)
  VIDEO @join__enumValue(graph: VISITS)
  LEGACY_PHONE @join__enumValue(graph: VISITS) @inaccessible
}

"""A pet, owned by someone."""
type Pet implements Node
  @join__implements(graph: PETS, interface: "Node")
  @join__type(graph: PETS, key: "id")
  @join__type(graph: VISITS, key: "id")
  @tag(name: "public")
{
  id: ID!
  name: String! @join__field(graph: PETS) @tag(name: "public")
  legacyId: Int @join__field(graph: PETS) @deprecated(reason: "Use id.")
  visits(last: Int, includeCancelled: Boolean @inaccessible): [Visit!]! @join__field(graph: VISITS)
  audit: PetAudit @join__field(graph: PETS) @inaccessible
}

type PetAudit implements Node
  @join__implements(graph: PETS, interface: "Node")
  @join__type(graph: PETS)
  @inaccessible
{
  id: ID!
  changedBy: String
}

type Query
  @join__type(graph: PETS)
  @join__type(graph: VISITS)
{
  pet(id: ID!): Pet @join__field(graph: PETS)
  search(text: String!): [SearchHit!]! @join__field(graph: PETS)
  node(id: ID!): Node @join__field(graph: PETS)
}

union SearchHit
  @join__type(graph: PETS)
  @join__unionMember(graph: PETS, member: "Pet")
  @join__unionMember(graph: PETS, member: "PetAudit")
 = Pet | PetAudit

type Visit
  @join__type(graph: VISITS, key: "id")
{
  id: ID!
  at: DateTime!
  pet: Pet!
}
'''

EXPECTED_API_SCHEMA = '''directive @cacheControl(maxAge: Int) on FIELD

enum Channel {
  CLINIC
  VIDEO
}

scalar DateTime @specifiedBy(url: "https://datatracker.ietf.org/doc/html/rfc3339")

type Mutation {
  visitBook(at: DateTime!, channel: Channel = CLINIC, petId: ID!): Visit
}

interface Node {
  id: ID!
}

"""A pet, owned by someone."""
type Pet implements Node {
  id: ID!
  legacyId: Int @deprecated(reason: "Use id.")
  name: String!
  visits(last: Int): [Visit!]!
}

type Query {
  node(id: ID!): Node
  pet(id: ID!): Pet
  search(text: String!): [SearchHit!]!
}

union SearchHit = Pet

type Visit {
  at: DateTime!
  id: ID!
  pet: Pet!
}
'''


def test_apollo_join_v03_supergraph_api_schema_drops_join_link_tag_and_inaccessible():
    assert api_schema_sdl(APOLLO_JOIN_V03_SUPERGRAPH) == EXPECTED_API_SCHEMA


def test_api_schema_of_our_supergraph_has_no_federation_leftovers():
    sdl = compose(SCENARIOS["security"]).supergraph_sdl

    api = api_schema_sdl(sdl)

    for leftover in ("join__", "link__", "@link", "@inaccessible", "internalRef", "force", "@authenticated", "requiresScopes"):
        assert leftover not in api
    assert "refund(reason: String): Boolean" in api


def test_api_schema_is_stable_when_printed_twice():
    sdl = compose(SCENARIOS["abstract_types"]).supergraph_sdl

    assert api_schema_sdl(sdl) == api_schema_sdl(sdl)
