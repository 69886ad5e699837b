"""Entities: several keys per type, composite and nested keys, ``resolvable: false``,
entities reachable only through another subgraph, chains of 3+ hops, a root entity
extended by several subgraphs, ``@requires`` from the owner, request budgets."""

from tests.support.conformance.harness import Case, Feature, Subgraph

P1 = {"upc": "1", "sku": "s1", "brand": "acme", "name": "Chair", "price": 100, "weight": 10}
P2 = {"upc": "2", "sku": "s2", "brand": "acme", "name": "Table", "price": 300, "weight": 30}
P3 = {"upc": "3", "sku": "s3", "brand": "zen", "name": "Lamp", "price": 50, "weight": 2}
REVIEWS = [
    {"id": "r1", "body": "Comfy", "author": {"id": "u1"}, "product": {"sku": "s1", "brand": "acme"}},
    {"id": "r2", "body": "Wobbly", "author": {"id": "u2"}, "product": {"sku": "s2", "brand": "acme"}},
    {"id": "r3", "body": "Bright", "author": {"id": "u1"}, "product": {"sku": "s3", "brand": "zen"}},
]

USERS = Subgraph(
    """
    type Query { me: User users: [User!]! }
    type User @key(fields: "id") { id: ID! name: String! wallets: [Wallet!]! }
    type Wallet @key(fields: "owner { id } currency") { owner: User! currency: String! }
    """,
    {"Query": {"me": {"id": "u1", "name": "Ada"}, "users": [{"id": "u1", "name": "Ada"}, {"id": "u2", "name": "Bob"}]},
     "entities": {"User": [{"id": "u1", "name": "Ada"}, {"id": "u2", "name": "Bob"}]}},
    {"User.wallets": lambda o, a, s: [{"owner": {"id": o["id"]}, "currency": c} for c in ("EUR", "USD")]},
)

PRODUCTS = Subgraph(
    """
    type Query { topProducts(first: Int = 5): [Product!]! product(upc: String!): Product }
    type Product @key(fields: "upc") @key(fields: "sku brand") {
      upc: String! sku: String! brand: String! name: String! price: Int! weight: Int!
    }
    """,
    {"entities": {"Product": [P1, P2, P3]}},
    {"Query.topProducts": lambda o, a, s: [P1, P2, P3][: a["first"]],
     "Query.product": lambda o, a, s: next((p for p in (P1, P2, P3) if p["upc"] == a["upc"]), None)},
)

INVENTORY = Subgraph(
    """
    type Product @key(fields: "upc") {
      upc: String! price: Int! @external weight: Int! @external
      inStock: Boolean!
      shippingEstimate: Int! @requires(fields: "price weight")
    }
    """,
    {"entities": {"Product": [{"upc": "1", "inStock": True}, {"upc": "2", "inStock": False},
                              {"upc": "3", "inStock": True}]}},
    {"Product.shippingEstimate": lambda o, a, s: o["price"] // 10 + o["weight"]},
)

REVIEWS_SG = Subgraph(
    """
    type Query { latestReviews: [Review!]! }
    type Review @key(fields: "id") { id: ID! body: String! author: User! product: Product! }
    type User @key(fields: "id") { id: ID! reviews: [Review!]! }
    type Product @key(fields: "sku brand") { sku: String! brand: String! reviews: [Review!]! }
    """,
    {"Query": {"latestReviews": REVIEWS}},
    {"Product.reviews": lambda o, a, s: [r for r in REVIEWS if r["product"] == {"sku": o["sku"], "brand": o["brand"]}],
     "User.reviews": lambda o, a, s: [r for r in REVIEWS if r["author"]["id"] == o["id"]]},
)

ADS = Subgraph(
    """
    type Query { featured: [Product!]! }
    type Product @key(fields: "upc", resolvable: false) { upc: String! }
    """,
    {"Query": {"featured": [{"upc": "3"}, {"upc": "1"}]}},
)

BILLING = Subgraph(
    """
    type Wallet @key(fields: "owner { id } currency") { owner: User! currency: String! balance: Int! }
    type User @key(fields: "id", resolvable: false) { id: ID! }
    """,
    {"entities": {"Wallet": [{"owner": {"id": "u1"}, "currency": "EUR", "balance": 12},
                             {"owner": {"id": "u1"}, "currency": "USD", "balance": 7}]}},
)

FEATURE = Feature(
    "entities",
    {"users": USERS, "products": PRODUCTS, "inventory": INVENTORY, "reviews": REVIEWS_SG, "ads": ADS,
     "billing": BILLING},
    (
        Case("root_entity_extended_by_several_subgraphs",
             "{ topProducts { name inStock reviews { body } } }",
             {"topProducts": [{"name": "Chair", "inStock": True, "reviews": [{"body": "Comfy"}]},
                              {"name": "Table", "inStock": False, "reviews": [{"body": "Wobbly"}]},
                              {"name": "Lamp", "inStock": True, "reviews": [{"body": "Bright"}]}]},
             requests={"products": 1, "inventory": 1, "reviews": 1}),
        Case("requires_external_fields_from_the_owner",
             "{ topProducts(first: 2) { upc shippingEstimate } }",
             {"topProducts": [{"upc": "1", "shippingEstimate": 20}, {"upc": "2", "shippingEstimate": 60}]},
             requests={"products": 1, "inventory": 1}),
        Case("different_key_per_target_subgraph",
             '{ product(upc: "2") { name inStock reviews { body } } }',
             {"product": {"name": "Table", "inStock": False, "reviews": [{"body": "Wobbly"}]}}),
        Case("unresolvable_reference_reached_through_another_subgraph_in_four_hops",
             "{ featured { upc name reviews { body author { name } } } }",
             {"featured": [{"upc": "3", "name": "Lamp", "reviews": [{"body": "Bright", "author": {"name": "Ada"}}]},
                           {"upc": "1", "name": "Chair", "reviews": [{"body": "Comfy", "author": {"name": "Ada"}}]}]},
             requests={"ads": 1, "products": 1, "reviews": 1, "users": 1}),
        Case("nested_composite_key",
             "{ me { name wallets { currency balance owner { id } } } }",
             {"me": {"name": "Ada", "wallets": [{"currency": "EUR", "balance": 12, "owner": {"id": "u1"}},
                                                {"currency": "USD", "balance": 7, "owner": {"id": "u1"}}]}}),
        Case("chain_back_into_the_first_subgraph",
             "{ me { reviews { product { name reviews { author { name } } } } } }",
             {"me": {"reviews": [
                 {"product": {"name": "Chair", "reviews": [{"author": {"name": "Ada"}}]}},
                 {"product": {"name": "Lamp", "reviews": [{"author": {"name": "Ada"}}]}}]}}),
        Case("duplicate_representations_are_sent_once",
             "{ latestReviews { author { name } } }",
             {"latestReviews": [{"author": {"name": "Ada"}}, {"author": {"name": "Bob"}}, {"author": {"name": "Ada"}}]},
             requests={"reviews": 1, "users": 1}),
        Case("key_fields_only_need_no_entity_fetch",
             "{ latestReviews { product { sku brand } author { id } } }",
             {"latestReviews": [{"product": {"sku": "s1", "brand": "acme"}, "author": {"id": "u1"}},
                                {"product": {"sku": "s2", "brand": "acme"}, "author": {"id": "u2"}},
                                {"product": {"sku": "s3", "brand": "zen"}, "author": {"id": "u1"}}]},
             requests={"reviews": 1}),
        Case("alias_taking_a_key_fields_name",
             '{ product(upc: "1") { upc: name sku: brand inStock } }',
             {"product": {"upc": "Chair", "sku": "acme", "inStock": True}}),
    ),
)
