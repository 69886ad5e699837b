"""Supergraph fixtures for router unit tests.

``supergraph_v05.graphql``: four subgraphs (accounts, products, inventory, reviews) in
join v0.5, as current composition prints it: entities across 3+ subgraphs, a multi-field
key, ``@requires``, ``@provides``, a shareable value type, an interface, a union,
mutations and ``@inaccessible`` elements.
``SUPERGRAPH_V03``: a hand-written join v0.3 supergraph (Apollo's shape).
"""

from functools import lru_cache
from pathlib import Path

from supergraph.planning.supergraph import Supergraph

SUPERGRAPH_V05 = (Path(__file__).parent / "supergraph_v05.graphql").read_text()

SUPERGRAPH_V03 = '''
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)
  @link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)
{
  query: Query
}

directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION

directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE

directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION

directive @join__graph(name: String!, url: String!) on ENUM_VALUE

directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE

directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR

directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION

directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA

interface Animal
  @join__type(graph: PETS)
{
  id: ID!
  name: String!
}

type Cat implements Animal
  @join__implements(graph: PETS, interface: "Animal")
  @join__type(graph: PETS, key: "id")
  @join__type(graph: VISITS, key: "id", extension: true)
{
  id: ID!
  name: String! @join__field(graph: PETS)
  lives: Int @join__field(graph: PETS)
  visits: [Visit!]! @join__field(graph: VISITS)
  species: Species @join__field(graph: PETS, override: "visits") @join__field(graph: VISITS, usedOverridden: true)
}

type Dog implements Animal
  @join__implements(graph: PETS, interface: "Animal")
  @join__type(graph: PETS, key: "id")
{
  id: ID!
  name: String!
}

scalar join__FieldSet

enum join__Graph {
  PETS @join__graph(name: "pets", url: "http://pets.example/graphql")
  VISITS @join__graph(name: "visits", url: "http://visits.example/graphql")
}

scalar link__Import

enum link__Purpose {
  SECURITY
  EXECUTION
}

type Query
  @join__type(graph: PETS)
  @join__type(graph: VISITS)
{
  animals: [Animal!]! @join__field(graph: PETS)
  visit(id: ID!): Visit @join__field(graph: VISITS)
  internal: String @join__field(graph: VISITS) @inaccessible
}

enum Species
  @join__type(graph: PETS)
  @join__type(graph: VISITS)
{
  CAT @join__enumValue(graph: PETS) @join__enumValue(graph: VISITS)
  DOG @join__enumValue(graph: PETS)
  SECRET @join__enumValue(graph: PETS) @inaccessible
}

type Visit
  @join__type(graph: VISITS, key: "id")
  @join__type(graph: PETS, key: "id", resolvable: false)
{
  id: ID!
  reason: String @join__field(graph: VISITS)
  cat: Cat @join__field(graph: VISITS)
}
'''


@lru_cache
def supergraph_v05() -> Supergraph:
    return Supergraph.from_sdl(SUPERGRAPH_V05)


@lru_cache
def supergraph_v03() -> Supergraph:
    return Supergraph.from_sdl(SUPERGRAPH_V03)
