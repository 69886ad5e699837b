"""A shareable root field no single subgraph can fully resolve (each asked for its part),
and entities whose key is null (no representation is sent for them)."""

from tests.support.conformance.harness import Case, Feature, Subgraph

A = Subgraph(
    """
    type Query { shop: Shop! @shareable books: [Book!]! }
    type Shop @shareable { id: ID! name: String! }
    type Book @key(fields: "id") @key(fields: "upc") { id: ID! upc: String }
    """,
    {"Query": {"shop": {"id": "s1", "name": "Corner"},
               "books": [{"id": "1", "upc": "u1"}, {"id": "2", "upc": None}]}},
)

B = Subgraph(
    """
    type Query { shop: Shop! @shareable }
    type Shop @shareable { id: ID! city: String! }
    type Book @key(fields: "upc") { upc: String price: Int }
    """,
    {"Query": {"shop": {"id": "s1", "city": "Oslo"}}, "entities": {"Book": [{"upc": "u1", "price": 10}]}},
)

FEATURE = Feature(
    "shared_root",
    {"a": A, "b": B},
    (
        Case("shareable_root_field_split_across_subgraphs", "{ shop { id name city } }",
             {"shop": {"id": "s1", "name": "Corner", "city": "Oslo"}}, requests={"a": 1, "b": 1}),
        Case("shareable_root_field_from_one_subgraph_when_it_can", "{ shop { id city } }",
             {"shop": {"id": "s1", "city": "Oslo"}}, requests={"b": 1}),
        Case("null_key_sends_no_representation", "{ books { id price } }",
             {"books": [{"id": "1", "price": 10}, {"id": "2", "price": None}]}, requests={"a": 1, "b": 1}),
    ),
)
