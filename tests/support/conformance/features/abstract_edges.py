"""Abstract types whose shape differs between subgraphs (found with the federation gateway
audit, our own fixtures): a type implements an interface only in another subgraph, a
union has other members in another subgraph, a field is a union in one subgraph and an
object type in another (``join__field(type:)``), an ``@inaccessible`` member comes back
from a subgraph, and ``@provides`` on a union through a fragment."""

from tests.support.conformance.harness import Case, Feature, Subgraph

OVEN = {"__typename": "Oven", "id": "o1"}
TOASTER = {"__typename": "Toaster", "id": "t1", "watts": 800}
PROTOTYPE = {"__typename": "Prototype", "id": "x1"}

KITCHEN = Subgraph(
    """
    type Query { appliances: [Appliance]! gadgets: [Device!]! menu: Menu! drawer: Drawer @shareable }
    union Appliance = Oven | Toaster | Prototype
    interface Device { id: ID! }
    type Oven @key(fields: "id") { id: ID! }
    type Toaster implements Device @key(fields: "id") { id: ID! watts: Int! }
    type Prototype @inaccessible { id: ID! }
    type Menu @key(fields: "id") { id: ID! board: Board! @shareable }
    type Board @shareable { items: [Dish!]! @shareable }
    union Dish = Soup | Salad
    type Soup @shareable { name: String! }
    type Salad { leaves: Int! }
    type Drawer { top: Oven @shareable label: String! }
    """,
    {"Query": {"appliances": [OVEN, TOASTER, PROTOTYPE], "gadgets": [TOASTER],
               "menu": {"id": "m1", "board": {"items": [{"__typename": "Soup", "name": "miso"},
                                                        {"__typename": "Salad", "leaves": 3}]}},
               "drawer": {"top": OVEN, "label": "left"}},
     "entities": {"Oven": [OVEN], "Toaster": [TOASTER], "Menu": [{"id": "m1"}]}},
)

# Oven implements Device only here; the bistro's board has other dishes than the kitchen's
WARRANTY = Subgraph(
    """
    interface Device { id: ID! }
    type Oven implements Device @key(fields: "id") { id: ID! years: Int! }
    type Query { drawer: Drawer @shareable }
    type Drawer { top: Appliance @shareable }
    union Appliance = Oven
    type Menu @key(fields: "id") { id: ID! board: Board! @shareable }
    type Board @shareable { items: [Dish!]! @shareable }
    union Dish = Soup | Steak
    type Soup @shareable { name: String! }
    type Steak { grams: Int! }
    """,
    {"Query": {"drawer": {"top": {**OVEN, "years": 5}}},
     "entities": {"Oven": [{"id": "o1", "years": 5}],
                  "Menu": [{"id": "m1", "board": {"items": [{"__typename": "Steak", "grams": 300}]}}]}},
)

BOOK = {"__typename": "Book", "id": "b1", "title": "Dune"}
FILM = {"__typename": "Film", "id": "f1", "title": "Alien"}

SHOP = Subgraph(
    """
    type Query { listings: [Listing!]! @provides(fields: "... on Book { title }") }
    union Listing = Book | Film
    type Book @key(fields: "id") { id: ID! title: String! @external }
    type Film @key(fields: "id") { id: ID! }
    """,
    {"Query": {"listings": [BOOK, {"__typename": "Film", "id": "f1"}]}},
)

CATALOG = Subgraph(
    """
    type Book @key(fields: "id") { id: ID! title: String! @shareable }
    type Film @key(fields: "id") { id: ID! title: String! }
    """,
    {"entities": {"Book": [BOOK], "Film": [FILM]}},
)

FEATURE = Feature(
    "abstract_edges",
    {"kitchen": KITCHEN, "warranty": WARRANTY, "shop": SHOP, "catalog": CATALOG},
    (
        Case("interface_fragment_on_a_member_implementing_it_only_elsewhere",
             "{ appliances { ... on Device { id } } }",
             {"appliances": [{"id": "o1"}, {"id": "t1"}, None]}, requests={"kitchen": 1}),
        Case("fragment_on_a_type_that_implements_the_interface_only_elsewhere_is_dropped",
             "{ gadgets { ... on Toaster { watts } ... on Oven { id years } } }",
             {"gadgets": [{"watts": 800}]}, requests={"kitchen": 1}),
        Case("member_of_an_inaccessible_type_is_null",
             "query { appliances { __typename } }",
             {"appliances": [{"__typename": "Oven"}, {"__typename": "Toaster"}, None]}),
        Case("fragments_on_members_another_subgraph_has_do_not_move_the_field",
             "{ menu { board { items { __typename ... on Steak { grams } } } } }",
             {"menu": {"board": {"items": [{"__typename": "Soup"}, {"__typename": "Salad"}]}}},
             requests={"kitchen": 1}),
        Case("object_typed_copy_of_a_union_field_drops_other_members",
             "{ drawer { label top { __typename ... on Oven { id years } ... on Toaster { watts } } } }",
             {"drawer": {"label": "left", "top": {"__typename": "Oven", "id": "o1", "years": 5}}},
             requests={"kitchen": 1, "warranty": 1}),
        Case("provides_through_a_fragment_needs_no_owner_fetch",
             "{ listings { ... on Book { title } ... on Film { id } } }",
             {"listings": [{"title": "Dune"}, {"id": "f1"}]}, requests={"shop": 1}),
        Case("provides_through_a_fragment_plus_an_unprovided_member_field",
             "{ listings { ... on Book { title } ... on Film { title } } }",
             {"listings": [{"title": "Dune"}, {"title": "Alien"}]}, requests={"shop": 1, "catalog": 1}),
    ),
)
