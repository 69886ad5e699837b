"""Field directives: ``@shareable`` taken from the subgraph already queried, ``@provides``
skipping fetches, ``@requires`` (nested selections, several requirements, arguments on the
requiring field, an ``@inaccessible`` requirement), ``@override`` (also progressive
``percent(n)`` labels), ``@inaccessible`` key fields used by the router but never exposed."""

from tests.support.conformance.harness import Case, Feature, Subgraph

PRODUCTS_DATA = [
    {"id": "p1", "internalId": "i1", "name": "Desk", "price": 200, "oldPrice": 1, "discount": 0, "tax": 20,
     "secretCost": 150, "dimensions": {"width": 120, "height": 70}},
    {"id": "p2", "internalId": "i2", "name": "Stool", "price": 40, "oldPrice": 1, "discount": 0, "tax": 4,
     "secretCost": 10, "dimensions": {"width": 30, "height": 45}},
]

PRODUCTS = Subgraph(
    """
    type Query { products: [Product!]! }
    type Product @key(fields: "id") @key(fields: "internalId") {
      id: ID!
      internalId: ID! @inaccessible
      name: String! @shareable
      price: Int!
      discount: Int!
      tax: Int!
      secretCost: Int! @inaccessible
      dimensions: Dims!
    }
    type Dims @shareable { width: Int! height: Int! }
    """,
    {"Query": {"products": [{**p, "price": -1, "discount": -1, "tax": p["tax"]} for p in PRODUCTS_DATA]},
     "entities": {"Product": [{**p, "price": -1, "discount": -1} for p in PRODUCTS_DATA]}},
)

PRICING = Subgraph(
    """
    type Product @key(fields: "id") {
      id: ID!
      price: Int! @override(from: "products")
      discount: Int! @override(from: "products", label: "percent(100)")
      tax: Int! @override(from: "products", label: "percent(0)")
    }
    """,
    {"entities": {"Product": [{"id": p["id"], "price": p["price"], "discount": 5, "tax": -1} for p in PRODUCTS_DATA]}},
)

SHIPPING = Subgraph(
    """
    type Product @key(fields: "internalId") {
      internalId: ID!
      dimensions: Dims! @external
      price: Int! @external
      secretCost: Int! @external
      estimate(zone: String!): Int! @requires(fields: "dimensions { width height } price")
      margin: Int! @requires(fields: "secretCost price")
    }
    type Dims @shareable { width: Int! height: Int! }
    """,
    {"entities": {"Product": [{"internalId": p["internalId"]} for p in PRODUCTS_DATA]}},
    {"Product.estimate": lambda o, a, s: (o["dimensions"]["width"] + o["dimensions"]["height"]) * len(a["zone"])
     + o["price"] // 100,
     "Product.margin": lambda o, a, s: o["price"] - o["secretCost"]},
)

REVIEWS = Subgraph(
    """
    type Query { reviews: [Review!]! }
    type Review { id: ID! body: String! product: Product! author: User! @provides(fields: "name") }
    type Product @key(fields: "id") { id: ID! name: String! @shareable }
    type User @key(fields: "id") { id: ID! name: String! @external }
    """,
    {"Query": {"reviews": [
        {"id": "r1", "body": "Solid", "product": {"id": "p1", "name": "Desk"}, "author": {"id": "u1", "name": "Ada"}},
        {"id": "r2", "body": "Low", "product": {"id": "p2", "name": "Stool"}, "author": {"id": "u2", "name": "Bob"}},
    ]}},
)

USERS = Subgraph(
    """
    type User @key(fields: "id") { id: ID! name: String! email: String! }
    """,
    {"entities": {"User": [{"id": "u1", "name": "Ada", "email": "ada@x.test"},
                           {"id": "u2", "name": "Bob", "email": "bob@x.test"}]}},
)

FEATURE = Feature(
    "directives",
    {"products": PRODUCTS, "pricing": PRICING, "shipping": SHIPPING, "reviews": REVIEWS, "users": USERS},
    (
        Case("shareable_field_from_the_current_subgraph",
             "{ reviews { product { name } } }",
             {"reviews": [{"product": {"name": "Desk"}}, {"product": {"name": "Stool"}}]},
             requests={"reviews": 1}),
        Case("provides_skips_the_owner",
             "{ reviews { author { name } } }",
             {"reviews": [{"author": {"name": "Ada"}}, {"author": {"name": "Bob"}}]},
             requests={"reviews": 1}),
        Case("provides_plus_a_field_only_the_owner_has",
             "{ reviews { author { name email } } }",
             {"reviews": [{"author": {"name": "Ada", "email": "ada@x.test"}},
                          {"author": {"name": "Bob", "email": "bob@x.test"}}]},
             requests={"reviews": 1, "users": 1}),
        Case("override_moves_the_field",
             "{ products { name price } }",
             {"products": [{"name": "Desk", "price": 200}, {"name": "Stool", "price": 40}]},
             requests={"products": 1, "pricing": 1}),
        Case("progressive_override_at_100_percent_uses_the_new_subgraph",
             "{ products { discount } }",
             {"products": [{"discount": 5}, {"discount": 5}]}),
        Case("progressive_override_at_0_percent_keeps_the_old_subgraph",
             "{ products { tax } }",
             {"products": [{"tax": 20}, {"tax": 4}]}, requests={"products": 1}),
        Case("requires_nested_selection_and_overridden_field_with_arguments",
             'query Q($zone: String!) { products { name estimate(zone: $zone) } }',
             {"products": [{"name": "Desk", "estimate": 382}, {"name": "Stool", "estimate": 150}]},
             variables={"zone": "EU"}, requests={"products": 1, "pricing": 1, "shipping": 1}),
        Case("requires_an_inaccessible_field_through_an_inaccessible_key",
             "{ products { margin } }",
             {"products": [{"margin": 50}, {"margin": 30}]}),
        Case("several_requiring_fields_share_one_fetch",
             '{ products { a: estimate(zone: "A") b: estimate(zone: "BB") margin } }',
             {"products": [{"a": 192, "b": 382, "margin": 50}, {"a": 75, "b": 150, "margin": 30}]},
             requests={"products": 1, "pricing": 1, "shipping": 1}),
    ),
)
