"""Abstract types across subgraphs: an interface whose implementations get fields from
another subgraph, unions whose members live in different subgraphs, inline and named
fragments on abstract types, fragments spread at several levels, ``__typename``."""

from tests.support.conformance.harness import Case, Feature, Subgraph

BOOK = {"__typename": "Book", "id": "b1", "title": "Dune", "author": "Herbert"}
MOVIE = {"__typename": "Movie", "id": "m1", "title": "Alien", "director": "Scott"}

MEDIA = Subgraph(
    """
    interface Media { id: ID! title: String! }
    type Book implements Media @key(fields: "id") { id: ID! title: String! author: String! }
    type Movie implements Media @key(fields: "id") { id: ID! title: String! director: String! }
    union Result = Book | Movie
    type Query { media: [Media!]! search: [Result!]! }
    """,
    {"Query": {"media": [BOOK, MOVIE], "search": [MOVIE, BOOK]}, "entities": {"Book": [BOOK], "Movie": [MOVIE]}},
)

PEOPLE = Subgraph(
    """
    type Person @key(fields: "id") { id: ID! name: String! favourite: Result }
    type Book @key(fields: "id") { id: ID! reviewsCount: Int! }
    union Result = Person | Book
    type Query { peopleSearch: [Result!]! }
    """,
    {"Query": {"peopleSearch": [
        {"__typename": "Person", "id": "p1", "name": "Ada", "favourite": {"__typename": "Book", "id": "b1"}},
        {"__typename": "Book", "id": "b1", "reviewsCount": 3}]},
     "entities": {"Book": [{"id": "b1", "reviewsCount": 3}]}},
)

NESTED_FRAGMENTS = """
query { media { ...M } search { ...R } }
fragment M on Media { id ... on Book { ...B } }
fragment B on Book { title reviewsCount }
fragment R on Result { __typename ... on Movie { director } ...B }
"""

FEATURE = Feature(
    "abstract",
    {"media": MEDIA, "people": PEOPLE},
    (
        Case("interface_fragments_with_fields_from_another_subgraph",
             "{ media { __typename id title ... on Book { author reviewsCount } ... on Movie { director } } }",
             {"media": [{"__typename": "Book", "id": "b1", "title": "Dune", "author": "Herbert", "reviewsCount": 3},
                        {"__typename": "Movie", "id": "m1", "title": "Alien", "director": "Scott"}]},
             requests={"media": 1, "people": 1}),
        Case("interface_field_without_fragments", "{ media { title } }",
             {"media": [{"title": "Dune"}, {"title": "Alien"}]}, requests={"media": 1}),
        Case("union_members_from_two_subgraphs",
             "{ peopleSearch { __typename ... on Person { name } ... on Book { title author reviewsCount } } }",
             {"peopleSearch": [{"__typename": "Person", "name": "Ada"},
                               {"__typename": "Book", "title": "Dune", "author": "Herbert", "reviewsCount": 3}]}),
        Case("fragment_on_a_member_the_subgraph_does_not_have_is_ignored",
             "{ search { ... on Person { name } ... on Movie { title } } }",
             {"search": [{"title": "Alien"}, {}]}, requests={"media": 1}),
        Case("named_fragments_spread_at_several_levels", NESTED_FRAGMENTS,
             {"media": [{"id": "b1", "title": "Dune", "reviewsCount": 3}, {"id": "m1"}],
              "search": [{"__typename": "Movie", "director": "Scott"},
                         {"__typename": "Book", "title": "Dune", "reviewsCount": 3}]}),
        Case("union_inside_an_entity_from_another_subgraph",
             "{ peopleSearch { ... on Person { favourite { __typename ... on Book { title } } } } }",
             {"peopleSearch": [{"favourite": {"__typename": "Book", "title": "Dune"}}, {}]}),
        Case("typename_only_on_a_union", "{ search { __typename } }",
             {"search": [{"__typename": "Movie"}, {"__typename": "Book"}]}, requests={"media": 1}),
        Case("inline_fragment_without_type_condition",
             "query Q($yes: Boolean = true) { media { ... @include(if: $yes) { title } } }",
             {"media": [{"title": "Dune"}, {"title": "Alien"}]}),
        Case("interface_fragment_inside_union",
             "{ search { ... on Media { id } } }",
             {"search": [{"id": "m1"}, {"id": "b1"}]}),
    ),
)
