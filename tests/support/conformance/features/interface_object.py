"""Entity interfaces and ``@interfaceObject`` (join v0.3, hand-written supergraph: our
composer does not attribute interface-object fields yet).

``media`` owns the entity interface ``Media`` and its implementations; ``reviews`` only
knows ``Media`` as an object type (``@interfaceObject``): representations sent to it carry
``__typename: "Media"``, and the concrete type of anything it returns comes from ``media``.
"""

from tests.support.conformance.harness import Case, Feature, Subgraph, url_of

BOOK = {"__typename": "Book", "id": "b1", "title": "Dune", "author": "Herbert"}
MOVIE = {"__typename": "Movie", "id": "m1", "title": "Alien", "director": "Scott"}

MEDIA = Subgraph(
    """
    interface Media @key(fields: "id") { id: ID! title: String! }
    type Book implements Media @key(fields: "id") { id: ID! title: String! author: String! }
    type Movie implements Media @key(fields: "id") { id: ID! title: String! director: String! }
    type Query { allMedia: [Media!]! }
    """,
    {"Query": {"allMedia": [BOOK, MOVIE]}, "entities": {"Book": [BOOK], "Movie": [MOVIE]}},
)

RATINGS = [{"id": "b1", "rating": 4, "reviews": ["deep"]}, {"id": "m1", "rating": 5, "reviews": ["scary", "great"]}]

REVIEWS = Subgraph(
    """
    type Media @key(fields: "id") @interfaceObject { id: ID! rating: Int! reviews: [String!]! }
    type Query { topRated: [Media!]! }
    """,
    {"Query": {"topRated": [RATINGS[1], RATINGS[0]]}, "entities": {"Media": RATINGS}},
)

SUPERGRAPH = f'''
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)
{{
  query: Query
}}

directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA

type Book implements Media
  @join__implements(graph: MEDIA, interface: "Media")
  @join__type(graph: MEDIA, key: "id")
{{
  id: ID!
  title: String!
  author: String!
  rating: Int! @join__field
  reviews: [String!]! @join__field
}}

scalar join__FieldSet

enum join__Graph {{
  MEDIA @join__graph(name: "media", url: "{url_of("media")}")
  REVIEWS @join__graph(name: "reviews", url: "{url_of("reviews")}")
}}

scalar link__Import

enum link__Purpose {{
  SECURITY
  EXECUTION
}}

interface Media
  @join__type(graph: MEDIA, key: "id")
  @join__type(graph: REVIEWS, key: "id", isInterfaceObject: true)
{{
  id: ID!
  title: String! @join__field(graph: MEDIA)
  rating: Int! @join__field(graph: REVIEWS)
  reviews: [String!]! @join__field(graph: REVIEWS)
}}

type Movie implements Media
  @join__implements(graph: MEDIA, interface: "Media")
  @join__type(graph: MEDIA, key: "id")
{{
  id: ID!
  title: String!
  director: String!
  rating: Int! @join__field
  reviews: [String!]! @join__field
}}

type Query
  @join__type(graph: MEDIA)
  @join__type(graph: REVIEWS)
{{
  allMedia: [Media!]! @join__field(graph: MEDIA)
  topRated: [Media!]! @join__field(graph: REVIEWS)
}}
'''

FEATURE = Feature(
    "interface_object",
    {"media": MEDIA, "reviews": REVIEWS},
    (
        Case("interface_object_field_on_the_interface",
             "{ allMedia { id title rating } }",
             {"allMedia": [{"id": "b1", "title": "Dune", "rating": 4}, {"id": "m1", "title": "Alien", "rating": 5}]},
             requests={"media": 1, "reviews": 1}),
        Case("interface_object_fields_inside_concrete_fragments",
             "{ allMedia { ... on Book { author reviews } ... on Movie { director rating } } }",
             {"allMedia": [{"author": "Herbert", "reviews": ["deep"]}, {"director": "Scott", "rating": 5}]},
             requests={"media": 1, "reviews": 1}),
        Case("interface_object_root_then_home_fields",
             "{ topRated { id rating title } }",
             {"topRated": [{"id": "m1", "rating": 5, "title": "Alien"}, {"id": "b1", "rating": 4, "title": "Dune"}]},
             requests={"reviews": 1, "media": 1}),
        Case("interface_object_typename_and_type_conditions_come_from_the_home_subgraph",
             "{ topRated { __typename rating ... on Book { author } ... on Movie { director } } }",
             {"topRated": [{"__typename": "Movie", "rating": 5, "director": "Scott"},
                           {"__typename": "Book", "rating": 4, "author": "Herbert"}]},
             requests={"reviews": 1, "media": 1}),
        Case("interface_object_type_conditions_without_typename_use_the_home_typename",
             "{ topRated { ... on Book { author } ... on Movie { director } } }",
             {"topRated": [{"director": "Scott"}, {"author": "Herbert"}]},
             requests={"reviews": 1, "media": 1}),
        Case("interface_object_alone_needs_one_fetch",
             "{ topRated { id reviews } }",
             {"topRated": [{"id": "m1", "reviews": ["scary", "great"]}, {"id": "b1", "reviews": ["deep"]}]},
             requests={"reviews": 1}),
    ),
    supergraph=SUPERGRAPH,
)
