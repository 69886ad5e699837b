"""Planner edge cases found with the federation gateway audit, on our own fixtures:
``@requires`` chains that go back to a subgraph already used (a -> b -> a), requirements
with arguments next to the client's own arguments (and two requirements on one field with
different arguments), fragments asking one response key with different types, an
``@inaccessible`` enum value coming back from a subgraph, and a field of a value type
that only another subgraph's copy of the parent entity can resolve; a shared root field is
taken from the subgraph that can answer the most of the selection (fewest entity fetches),
not from the first one that has it."""

from tests.support.conformance.harness import Case, Feature, Subgraph

PETS = [{"id": "p1", "name": "Rex", "ageYears": 12}, {"id": "p2", "name": "Tom", "ageYears": 3}]

CLINIC = Subgraph(
    """
    type Query { pets: [Pet!]! }
    type Pet @key(fields: "id") {
      id: ID!
      name: String!
      ageYears: Int!
      senior: Boolean! @external
      boosterDue: Boolean! @requires(fields: "senior")
      owner: Owner @shareable
    }
    type Owner { id: ID @shareable }
    """,
    {"Query": {"pets": [{**p, "owner": {"id": f"o-{p['id']}"}} for p in PETS]},
     "entities": {"Pet": [{**p, "owner": {"id": f"o-{p['id']}"}} for p in PETS]}},
    {"Pet.boosterDue": lambda o, a, s: bool(o["senior"])},
)

# senior needs the clinic's ageYears, and the clinic's boosterDue needs senior: a -> b -> a
GERIATRICS = Subgraph(
    """
    type Pet @key(fields: "id") { id: ID! ageYears: Int! @external senior: Boolean! @requires(fields: "ageYears") }
    """,
    {"entities": {"Pet": [{"id": p["id"]} for p in PETS]}},
    {"Pet.senior": lambda o, a, s: o["ageYears"] >= 10},
)

VISITS = {"p1": [{"id": "v1", "fee": 30}, {"id": "v2", "fee": 50}, {"id": "v3", "fee": 70}],
          "p2": [{"id": "v4", "fee": 20}, {"id": "v5", "fee": 25}]}

HISTORY = Subgraph(
    """
    type Pet @key(fields: "id") { id: ID! visits(last: Int!): [Visit!]! }
    type Visit @shareable { id: ID! fee: Int! }
    """,
    {"entities": {"Pet": [{"id": p["id"]} for p in PETS]}},
    {"Pet.visits": lambda o, a, s: VISITS[o["id"]][-a["last"]:]},
)


def _spend(expected_count):
    def resolve(obj, args, store):
        visits = obj["visits"]
        if len(visits) != min(expected_count, len(VISITS[obj["id"]])):
            raise ValueError("representation carries the wrong visits(last:) value")
        return sum(v["fee"] for v in visits)
    return resolve


BILLING = Subgraph(
    """
    type Pet @key(fields: "id") {
      id: ID!
      visits(last: Int!): [Visit!]! @external
      recentSpend: Int! @requires(fields: "visits(last: 2) { fee }")
      lifetimeSpend: Int! @requires(fields: "visits(last: 100) { fee }")
      primaryVet: Vet!
      consultFee: Int! @requires(fields: "primaryVet { rate }")
    }
    type Visit @shareable { id: ID! fee: Int! @external }
    type Vet @key(fields: "id") { id: ID! rate: Int! @external }
    """,
    {"entities": {"Pet": [{"id": "p1", "primaryVet": {"id": "v-ann"}}, {"id": "p2", "primaryVet": {"id": "v-bob"}}]}},
    {"Pet.recentSpend": _spend(2), "Pet.lifetimeSpend": _spend(100),
     "Pet.consultFee": lambda o, a, s: o["primaryVet"]["rate"] * 2},
)

# consultFee (billing) needs primaryVet (billing) { rate (staff) }: billing -> staff -> billing
STAFF = Subgraph(
    """
    type Vet @key(fields: "id") { id: ID! rate: Int! }
    """,
    {"entities": {"Vet": [{"id": "v-ann", "rate": 40}, {"id": "v-bob", "rate": 35}]}},
)

SHELTER = Subgraph(
    """
    type Query { intake: [Patient!]! }
    union Patient = Pet | Stray
    type Pet @key(fields: "id") { id: ID! }
    type Stray { id: ID temper: Temper }
    enum Temper { CALM GRUMPY @inaccessible }
    """,
    {"Query": {"intake": [{"__typename": "Pet", "id": "p1"},
                          {"__typename": "Stray", "id": "s1", "temper": "CALM"},
                          {"__typename": "Stray", "id": None, "temper": "GRUMPY"}]},
     "entities": {"Pet": [{"id": p["id"]} for p in PETS]}},
)

# Owner is a value type: its phone is only reachable through this subgraph's Pet.owner.
# Its nullable Pet.id makes the supergraph's Pet.id nullable, like Stray.id, while the
# shelter's Pet.id stays ID!: one response key, two types inside the shelter's operation.
CONTACTS = Subgraph(
    """
    type Pet @key(fields: "id") { id: ID owner: Owner @shareable }
    type Owner { phone: String }
    """,
    {"entities": {"Pet": [{"id": "p1", "owner": {"phone": "555-0101"}},
                          {"id": "p2", "owner": {"phone": "555-0102"}}]}},
)

# ``litters`` is a shared root field: the catalog (first by name and declaration) has only the
# names, the registry has names and microchips - asking both must go to the registry alone.
CATALOG = Subgraph(
    """
    type Query { litters: [Puppy!]! @shareable }
    type Puppy @key(fields: "id") { id: ID! name: String! @shareable }
    """,
    {"Query": {"litters": [{"id": "u1", "name": "Bo"}, {"id": "u2", "name": "Lu"}]},
     "entities": {"Puppy": [{"id": "u1", "name": "Bo"}, {"id": "u2", "name": "Lu"}]}},
)

REGISTRY = Subgraph(
    """
    type Query { litters: [Puppy!]! @shareable }
    type Puppy @key(fields: "id") { id: ID! name: String! @shareable chip: String }
    """,
    {"Query": {"litters": [{"id": "u1", "name": "Bo", "chip": "985141000000001"},
                           {"id": "u2", "name": "Lu", "chip": None}]},
     "entities": {"Puppy": [{"id": "u1", "name": "Bo", "chip": "985141000000001"},
                            {"id": "u2", "name": "Lu", "chip": None}]}},
)

FEATURE = Feature(
    "planning_edges",
    {"catalog": CATALOG, "registry": REGISTRY, "clinic": CLINIC, "geriatrics": GERIATRICS, "history": HISTORY, "billing": BILLING,
     "shelter": SHELTER, "contacts": CONTACTS, "staff": STAFF},
    (
        Case("requirement_chain_back_to_the_first_subgraph", "{ pets { name boosterDue } }",
             {"pets": [{"name": "Rex", "boosterDue": True}, {"name": "Tom", "boosterDue": False}]},
             requests={"clinic": 2, "geriatrics": 1}),
        Case("requirement_needs_an_earlier_fetch_from_the_same_subgraph", "{ pets { name consultFee } }",
             {"pets": [{"name": "Rex", "consultFee": 80}, {"name": "Tom", "consultFee": 70}]},
             requests={"clinic": 1, "billing": 2, "staff": 1}),
        Case("requirement_arguments_differ_from_the_clients",
             "{ pets { visits(last: 1) { id } recentSpend } }",
             {"pets": [{"visits": [{"id": "v3"}], "recentSpend": 120},
                       {"visits": [{"id": "v5"}], "recentSpend": 45}]}),
        Case("two_requirements_with_different_arguments",
             "{ pets { recentSpend lifetimeSpend } }",
             {"pets": [{"recentSpend": 120, "lifetimeSpend": 150},
                       {"recentSpend": 45, "lifetimeSpend": 45}]}),
        Case("same_response_key_with_different_types_in_fragments",
             "{ intake { __typename ... on Pet { id } ... on Stray { id } } }",
             {"intake": [{"__typename": "Pet", "id": "p1"}, {"__typename": "Stray", "id": "s1"},
                         {"__typename": "Stray", "id": None}]},
             requests={"shelter": 1}),
        Case("inaccessible_enum_value_from_a_subgraph_is_null",
             "{ intake { ... on Stray { temper } } }",
             {"intake": [{}, {"temper": "CALM"}, {"temper": None}]},
             errors=(("INTERNAL_SERVER_ERROR", ("intake", 2, "temper")),)),
        Case("value_type_field_through_the_parent_entity",
             "{ pets { name owner { id phone } } }",
             {"pets": [{"name": "Rex", "owner": {"id": "o-p1", "phone": "555-0101"}},
                       {"name": "Tom", "owner": {"id": "o-p2", "phone": "555-0102"}}]},
             requests={"clinic": 1, "contacts": 1}),
        Case("shared_root_field_from_the_subgraph_with_fewest_misses",
             "{ litters { name chip } }",
             {"litters": [{"name": "Bo", "chip": "985141000000001"}, {"name": "Lu", "chip": None}]},
             requests={"registry": 1}),
    ),
)
