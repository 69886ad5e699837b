"""``@authenticated`` / ``@requiresScopes`` enforced by the router: unauthorized fields are
null with ``UNAUTHENTICATED`` (anonymous) or ``FORBIDDEN`` errors, the rest of the response
is intact, and no subgraph is asked for them."""

from dataclasses import dataclass, field

from tests.support.conformance.harness import Case, Feature, Subgraph


@dataclass(frozen=True)
class Caller:
    is_authenticated: bool = False
    scopes: frozenset[str] = field(default_factory=frozenset)
    roles: frozenset[str] = field(default_factory=frozenset)


ANONYMOUS = Caller()
PLAIN = Caller(True)
ADMIN = Caller(True, frozenset({"admin"}))
BILLING = Caller(True, frozenset({"billing"}))

ADA = {"id": "u1", "name": "Ada", "email": "ada@x.test"}

USERS = Subgraph(
    """
    type Query { me: User @authenticated publicUsers: [User!]! }
    type User @key(fields: "id") {
      id: ID!
      name: String!
      email: String @requiresScopes(scopes: [["read:email"], ["admin"]])
    }
    """,
    {"Query": {"me": ADA, "publicUsers": [ADA]}, "entities": {"User": [ADA]}},
)

PAYMENTS = Subgraph(
    """
    type User @key(fields: "id") { id: ID! balance: Int @requiresScopes(scopes: [["billing"]]) card: Card }
    type Card @authenticated { last4: String! }
    """,
    {"entities": {"User": [{"id": "u1", "balance": 42, "card": {"last4": "4242"}}]}},
)

FEATURE = Feature(
    "auth",
    {"users": USERS, "payments": PAYMENTS},
    (
        Case("anonymous_reads_public_fields", "{ publicUsers { name } }",
             {"publicUsers": [{"name": "Ada"}]}, principal=ANONYMOUS),
        Case("anonymous_authenticated_field_is_null_and_never_fetched", "{ me { name } publicUsers { name } }",
             {"me": None, "publicUsers": [{"name": "Ada"}]}, principal=ANONYMOUS,
             errors=(("UNAUTHENTICATED", ("me",)),), requests={"users": 1}),
        Case("anonymous_scoped_field_is_unauthenticated", "{ publicUsers { name email } }",
             {"publicUsers": [{"name": "Ada", "email": None}]}, principal=ANONYMOUS,
             errors=(("UNAUTHENTICATED", ("publicUsers", 0, "email")),)),
        Case("missing_scope_is_forbidden_and_the_subgraph_is_not_asked", "{ publicUsers { name email balance } }",
             {"publicUsers": [{"name": "Ada", "email": None, "balance": None}]}, principal=PLAIN,
             errors=(("FORBIDDEN", ("publicUsers", 0, "email")), ("FORBIDDEN", ("publicUsers", 0, "balance"))),
             requests={"users": 1}),
        Case("any_scope_alternative_grants", "{ me { email } }",
             {"me": {"email": "ada@x.test"}}, principal=ADMIN),
        Case("type_level_authenticated_guards_fields_returning_it", "{ publicUsers { name card { last4 } } }",
             {"publicUsers": [{"name": "Ada", "card": None}]}, principal=ANONYMOUS,
             errors=(("UNAUTHENTICATED", ("publicUsers", 0, "card")),), requests={"users": 1}),
        Case("granted_scope_fetches_the_field", "{ publicUsers { balance card { last4 } } }",
             {"publicUsers": [{"balance": 42, "card": {"last4": "4242"}}]}, principal=BILLING,
             requests={"users": 1, "payments": 1}),
    ),
)
