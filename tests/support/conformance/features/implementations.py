"""An interface field resolvable on the interface in one subgraph while one implementation
there has it ``@external``: the planner asks per concrete type, so that implementation's
value comes from its owner."""

from tests.support.conformance.harness import Case, Feature, Subgraph

A = Subgraph(
    """
    interface Item { id: ID! name: String! }
    type Book implements Item @key(fields: "id") { id: ID! name: String! }
    type Pen implements Item @key(fields: "id") { id: ID! name: String! @external }
    type Query { items: [Item!]! }
    """,
    {"Query": {"items": [{"__typename": "Book", "id": "b1", "name": "Dune"},
                         {"__typename": "Pen", "id": "p1", "name": "WRONG"}]}},
)

B = Subgraph(
    """
    type Pen @key(fields: "id") { id: ID! name: String! }
    """,
    {"entities": {"Pen": [{"id": "p1", "name": "Biro"}]}},
)

FEATURE = Feature(
    "implementations",
    {"a": A, "b": B},
    (
        Case("external_implementation_field_comes_from_its_owner", "{ items { id name } }",
             {"items": [{"id": "b1", "name": "Dune"}, {"id": "p1", "name": "Biro"}]},
             requests={"a": 1, "b": 1}),
        Case("typename_with_external_implementation_field", "{ items { __typename name } }",
             {"items": [{"__typename": "Book", "name": "Dune"}, {"__typename": "Pen", "name": "Biro"}]}),
    ),
)
