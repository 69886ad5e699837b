"""``@requires`` chains: a requirement that itself has a requirement in a third subgraph,
and nested ``@provides``."""

from tests.support.conformance.harness import Case, Feature, Subgraph

BASE = Subgraph(
    """
    type Query { products: [Product!]! }
    type Product @key(fields: "id") { id: ID! price: Int! }
    """,
    {"Query": {"products": [{"id": "1", "price": 100}, {"id": "2", "price": 40}]},
     "entities": {"Product": [{"id": "1", "price": 100}, {"id": "2", "price": 40}]}},
)

TAX = Subgraph(
    """
    type Product @key(fields: "id") { id: ID! price: Int! @external tax: Int! @requires(fields: "price") }
    """,
    {"entities": {"Product": [{"id": "1"}, {"id": "2"}]}},
    {"Product.tax": lambda o, a, s: o["price"] // 10},
)

TOTAL = Subgraph(
    """
    type Product @key(fields: "id") {
      id: ID!
      tax: Int! @external
      price: Int! @external
      total: Int! @requires(fields: "price tax")
      seller: Seller! @provides(fields: "name address { city }")
    }
    type Seller @key(fields: "id") { id: ID! name: String! @external address: Address! @external }
    type Address @shareable { city: String! @external }
    """,
    {"entities": {"Product": [{"id": "1", "seller": {"id": "s1", "name": "Ann", "address": {"city": "Rome"}}},
                              {"id": "2", "seller": {"id": "s1", "name": "Ann", "address": {"city": "Rome"}}}]}},
    {"Product.total": lambda o, a, s: o["price"] + o["tax"]},
)

SELLERS = Subgraph(
    """
    type Seller @key(fields: "id") { id: ID! name: String! address: Address! rating: Int! }
    type Address @shareable { city: String! }
    """,
    {"entities": {"Seller": [{"id": "s1", "name": "Ann", "address": {"city": "Rome"}, "rating": 5}]}},
)

FEATURE = Feature(
    "requires_chain",
    {"base": BASE, "tax": TAX, "total": TOTAL, "sellers": SELLERS},
    (
        Case("requirement_with_its_own_requirement", "{ products { id total } }",
             {"products": [{"id": "1", "total": 110}, {"id": "2", "total": 44}]},
             requests={"base": 1, "tax": 1, "total": 1}),
        Case("nested_provides_needs_no_owner_fetch", "{ products { seller { name address { city } } } }",
             {"products": [{"seller": {"name": "Ann", "address": {"city": "Rome"}}}] * 2},
             requests={"base": 1, "total": 1}),
        Case("nested_provides_plus_an_owner_field", "{ products { seller { name rating } } }",
             {"products": [{"seller": {"name": "Ann", "rating": 5}}] * 2},
             requests={"base": 1, "total": 1, "sellers": 1}),
    ),
)
