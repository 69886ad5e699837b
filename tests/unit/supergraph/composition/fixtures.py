"""Subgraph SDL fixtures shared by the unit snapshot tests and the Guild comparison test.

Each scenario is a list of `SubgraphSpec`; SDLs are written the way Strawberry prints a
`federation_version="2.9"` schema (`schema @link(...)`, `_entities`, `_service`, `_Any`, ...)
unless the scenario is about another spelling.
"""

from supergraph.composition import SubgraphSpec

FED = 'schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: [{imports}]) {{\n  query: Query{extra_roots}\n}}\n'


def _link(*directives: str, mutation: bool = False) -> str:
    imports = ", ".join(f'"@{d}"' for d in directives)
    return FED.format(imports=imports, extra_roots="\n  mutation: Mutation" if mutation else "")


STRAWBERRY_TAIL = """
scalar _Any

type _Service {
  sdl: String!
}
"""

PROFILES = _link("key", "shareable", "inaccessible") + '''
"""A pet registered on the platform."""
type Pet @key(fields: "id") {
  id: ID!
  name: String!
  species: Species!
  microchip: String @inaccessible
  owner: Owner!
}

type Owner @key(fields: "id") {
  id: ID!
  displayName: String!
}

enum Species {
  DOG
  CAT
}

type Query {
  _entities(representations: [_Any!]!): [_Entity]!
  _service: _Service!
  pet(id: ID!): Pet
  pets(first: Int = 10): [Pet!]!
}

union _Entity = Owner | Pet
''' + STRAWBERRY_TAIL

APPOINTMENTS = _link("key", "shareable", mutation=True) + '''
type Pet @key(fields: "id") {
  id: ID!
  appointments: [Appointment!]!
}

type Appointment @key(fields: "id") {
  id: ID!
  startsAt: String!
  clinic: Clinic!
  pet: Pet!
}

type Clinic {
  name: String! @shareable
  address: Address!
}

type Address @shareable {
  line1: String!
  city: String!
}

input AppointmentBookInput {
  petId: ID!
  startsAt: String!
  note: String
}

type AppointmentBookPayload {
  appointment: Appointment
}

type Query {
  _entities(representations: [_Any!]!): [_Entity]!
  _service: _Service!
  appointment(id: ID!): Appointment
}

type Mutation {
  appointmentBook(input: AppointmentBookInput!): AppointmentBookPayload!
}

union _Entity = Appointment | Pet
''' + STRAWBERRY_TAIL

CHRONIC_CARE = _link("key", "external", "requires", "shareable") + '''
type Pet @key(fields: "id") {
  id: ID!
  weightKg: Float @external
  conditions: [Condition!]!
  doseMg: Float! @requires(fields: "weightKg")
}

type Condition {
  code: String!
  label: String!
}

type Address @shareable {
  line1: String!
  city: String!
}

type Query {
  _entities(representations: [_Any!]!): [_Entity]!
  _service: _Service!
  conditionsByCode(code: String!): [Condition!]!
}

union _Entity = Pet
''' + STRAWBERRY_TAIL

WEIGHTS = _link("key") + '''
type Pet @key(fields: "id") {
  id: ID!
  weightKg: Float
}

type Query {
  latestWeight(petId: ID!): Float
}
'''

ENTITY_ACROSS_SUBGRAPHS = [
    SubgraphSpec("profiles", "http://profiles:8000/graphql", PROFILES),
    SubgraphSpec("appointments", "http://appointments:8000/graphql", APPOINTMENTS),
    SubgraphSpec("chronic_care", "http://chronic-care:8000/graphql", CHRONIC_CARE),
    SubgraphSpec("weights", "http://weights:8000/graphql", WEIGHTS),
]

PROVIDES_OVERRIDE = [
    SubgraphSpec("telehealth", "http://telehealth/graphql", _link("key", "external", "provides", "override") + '''
type Consultation @key(fields: "id") {
  id: ID!
  vet: Vet! @provides(fields: "name")
  roomUrl: String! @override(from: "appointments")
}

type Vet @key(fields: "id") {
  id: ID!
  name: String! @external
}

type Query {
  consultation(id: ID!): Consultation
}
'''),
    SubgraphSpec("appointments", "http://appointments/graphql", _link("key") + '''
type Consultation @key(fields: "id") {
  id: ID!
  roomUrl: String!
  bookedAt: String!
}

type Vet @key(fields: "id") {
  id: ID!
  name: String!
}

type Query {
  vets: [Vet!]!
}
'''),
]

ABSTRACT_TYPES = [
    SubgraphSpec("commerce", "http://commerce/graphql", _link("key", "shareable") + '''
interface Product {
  sku: ID!
  price: Money!
}

type Food implements Product @key(fields: "sku") {
  sku: ID!
  price: Money!
  kcalPer100g: Int
}

type Toy implements Product @key(fields: "sku") {
  sku: ID!
  price: Money!
}

type Money @shareable {
  amount: Int!
  currency: Currency!
}

enum Currency {
  EUR
  USD
}

union SearchResult = Food | Toy

enum SortOrder {
  ASC
  DESC
}

input ProductFilter {
  maxPrice: Int
  order: SortOrder
  inStock: Boolean
}

type Query {
  products(filter: ProductFilter): [Product!]!
  search(text: String!): [SearchResult!]! @shareable
}
'''),
    SubgraphSpec("training", "http://training/graphql", _link("key", "shareable") + '''
type Course @key(fields: "id") {
  id: ID!
  title: String!
  price: Money
}

type Money @shareable {
  amount: Int!
  currency: Currency!
}

enum Currency {
  EUR
  GBP
}

union SearchResult = Course

enum SortOrder {
  ASC
  DESC
  RANDOM
}

input ProductFilter {
  maxPrice: Int
  order: SortOrder
}

type Query {
  courses(filter: ProductFilter): [Course!]!
  search(text: String!): [SearchResult!]!  @shareable
}
'''),
]

SECURITY = [
    SubgraphSpec("payments", "http://payments/graphql", _link("key", "authenticated", "requiresScopes", "inaccessible") + '''
type Invoice @key(fields: "id") @authenticated {
  id: ID!
  totalCents: Int!
  internalRef: String @inaccessible
  refund(reason: String, force: Boolean @inaccessible): Boolean @requiresScopes(scopes: [["payments:refund"], ["admin"]])
}

type Query {
  invoice(id: ID!): Invoice @authenticated
  revenue: Int @requiresScopes(scopes: [["admin"]])
}
'''),
]

RENAMED_IMPORTS = [
    SubgraphSpec("renamed", "http://renamed/graphql", '''
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: [{name: "@key", as: "@id"}, "@external"])

type Pet @id(fields: "id") {
  id: ID!
  nickname: String @federation__shareable
}

type Query {
  pet: Pet @federation__shareable
}
'''),
    SubgraphSpec("plain", "http://plain/graphql", '''
type Pet @key(fields: "id") {
  id: ID!
  nickname: String
}

type Query {
  pet: Pet
}
'''),
]

SCENARIOS = {
    "entity_across_subgraphs": ENTITY_ACROSS_SUBGRAPHS,
    "provides_override": PROVIDES_OVERRIDE,
    "abstract_types": ABSTRACT_TYPES,
    "security": SECURITY,
    "renamed_imports": RENAMED_IMPORTS,
}
