"""Operations: aliases (one field twice with different arguments), variables with defaults
and input objects, ``@skip``/``@include`` (no fetch for skipped fields), ``__typename``
anywhere, introspection answered by the router (also mixed with ordinary fields),
mutations in document order, lists of lists, enums and custom scalars passed through."""

from tests.support.conformance.harness import Case, Feature, Subgraph

ITEMS = [
    {"id": "1", "name": "Pen", "color": "RED", "price": 2, "createdAt": "2024-01-01T00:00:00Z",
     "meta": {"tags": ["a", "b"], "nested": {"x": None}}},
    {"id": "2", "name": "Ink", "color": "BLUE", "price": 9, "createdAt": "2024-02-01T00:00:00Z", "meta": None},
    {"id": "3", "name": "Pad", "color": "RED", "price": 5, "createdAt": "2024-03-01T00:00:00Z", "meta": [1, 2]},
]
COUNTS = {"1": 4, "2": 0, "3": 7}
LOG: list[str] = []  # shared by both subgraphs: proves the order of mutation root fields


def _items(_, args, __):
    found = ITEMS
    flt = args.get("filter") or {}
    if flt.get("color"):
        found = [i for i in found if i["color"] == flt["color"]]
    found = [i for i in found if i["price"] >= (flt.get("minPrice") or 0)]
    return found[: args["first"]]


def _note(prefix):
    def resolve(_, args, __):
        LOG.append(prefix + args["text"])
        return {"log": list(LOG)}
    return resolve


def _reset(*_):
    LOG.clear()
    return True


CATALOG = Subgraph(
    """
    scalar DateTime
    scalar JSON
    enum Color { RED GREEN BLUE }
    input Filter { color: Color minPrice: Int = 0 }
    type Query {
      items(filter: Filter, first: Int = 2): [Item!]!
      item(id: ID!): Item
      matrix: [[Int!]!]!
      grid: [[Item!]!]!
      echo(at: DateTime!, color: Color!, colors: [Color!]): String!
    }
    type Item @key(fields: "id") { id: ID! name: String! color: Color! price: Int! createdAt: DateTime! meta: JSON }
    type Note @shareable { log: [String!]! }
    type Mutation { reset: Boolean! note(text: String!): Note! }
    """,
    {"Query": {"matrix": [[1, 2], [3], []], "grid": [[ITEMS[0], ITEMS[1]], [ITEMS[2]]]},
     "Mutation": {}, "entities": {"Item": ITEMS}},
    {"Query.items": _items,
     "Query.item": lambda o, a, s: next((i for i in ITEMS if i["id"] == a["id"]), None),
     "Query.echo": lambda o, a, s: f"{a['color']}@{a['at']}/{','.join(a.get('colors') or [])}",
     "Mutation.reset": _reset, "Mutation.note": _note("c")},
)

STOCK = Subgraph(
    """
    type Item @key(fields: "id") { id: ID! count: Int! }
    type Note @shareable { log: [String!]! }
    type Query { stockReport: String! }
    type Mutation { stockNote(text: String!): Note! }
    """,
    {"Query": {"stockReport": "ok"}, "Mutation": {},
     "entities": {"Item": [{"id": k, "count": v} for k, v in COUNTS.items()]}},
    {"Mutation.stockNote": _note("s")},
)

FEATURE = Feature(
    "operations",
    {"catalog": CATALOG, "stock": STOCK},
    (
        Case("same_field_twice_with_different_arguments",
             '{ a: item(id: "1") { name count } b: item(id: "2") { label: name count } }',
             {"a": {"name": "Pen", "count": 4}, "b": {"label": "Ink", "count": 0}}),
        Case("variable_default_input_object",
             "query Q($f: Filter = {color: RED}) { items(filter: $f, first: 10) { id } }",
             {"items": [{"id": "1"}, {"id": "3"}]}),
        Case("variables_inside_an_input_object_literal",
             "query Q($c: Color!, $m: Int) { items(filter: {color: $c, minPrice: $m}, first: 10) { id color } }",
             {"items": [{"id": "3", "color": "RED"}]}, variables={"c": "RED", "m": 3}),
        Case("argument_default_applies",
             "{ items { id } }", {"items": [{"id": "1"}, {"id": "2"}]}),
        Case("include_false_sends_no_fetch_for_the_field",
             "query Q($s: Boolean!) { items { id count @include(if: $s) } }",
             {"items": [{"id": "1"}, {"id": "2"}]}, variables={"s": False}, requests={"catalog": 1}),
        Case("include_true_fetches_the_field",
             "query Q($s: Boolean!) { items { id count @include(if: $s) } }",
             {"items": [{"id": "1", "count": 4}, {"id": "2", "count": 0}]}, variables={"s": True}),
        Case("skip_on_a_whole_subgraph_root_field",
             "query Q($s: Boolean = true) { items(first: 1) { id } stockReport @skip(if: $s) }",
             {"items": [{"id": "1"}]}, requests={"catalog": 1}),
        Case("skip_on_fragment_spread",
             "query Q($s: Boolean!) { items(first: 1) { id ...Stock @skip(if: $s) } } fragment Stock on Item { count }",
             {"items": [{"id": "1"}]}, variables={"s": True}, requests={"catalog": 1}),
        Case("typename_at_the_root_and_below",
             '{ __typename item(id: "3") { __typename kind: __typename count } }',
             {"__typename": "Query", "item": {"__typename": "Item", "kind": "Item", "count": 7}}),
        Case("introspection_only",
             '{ __type(name: "Color") { name enumValues { name } } }',
             {"__type": {"name": "Color", "enumValues": [{"name": "RED"}, {"name": "GREEN"}, {"name": "BLUE"}]}}),
        Case("introspection_mixed_with_fields",
             '{ __schema { queryType { name } } items(first: 1) { name count } c: __type(name: "Item") { name } }',
             {"__schema": {"queryType": {"name": "Query"}}, "items": [{"name": "Pen", "count": 4}],
              "c": {"name": "Item"}}),
        Case("introspection_hides_federation_internals",
             '{ __type(name: "Query") { fields { name } } }',
             {"__type": {"fields": [{"name": n} for n in ("items", "item", "matrix", "grid", "echo", "stockReport")]}}),
        Case("mutations_run_in_document_order_across_subgraphs",
             'mutation { reset a: note(text: "1") { log } b: stockNote(text: "2") { log } c: note(text: "3") { log } }',
             {"reset": True, "a": {"log": ["c1"]}, "b": {"log": ["c1", "s2"]}, "c": {"log": ["c1", "s2", "c3"]}}),
        Case("lists_of_lists_of_scalars", "{ matrix }", {"matrix": [[1, 2], [3], []]}),
        Case("lists_of_lists_of_entities",
             "{ grid { name count } }",
             {"grid": [[{"name": "Pen", "count": 4}, {"name": "Ink", "count": 0}], [{"name": "Pad", "count": 7}]]},
             requests={"catalog": 1, "stock": 1}),
        Case("enums_and_custom_scalars_pass_through",
             'query Q($at: DateTime!, $cs: [Color!]) { echo(at: $at, color: GREEN, colors: $cs) '
             'items(first: 3) { color createdAt meta } }',
             {"echo": "GREEN@2024-05-05/RED,BLUE",
              "items": [{"color": "RED", "createdAt": "2024-01-01T00:00:00Z", "meta": {"tags": ["a", "b"], "nested": {"x": None}}},
                        {"color": "BLUE", "createdAt": "2024-02-01T00:00:00Z", "meta": None},
                        {"color": "RED", "createdAt": "2024-03-01T00:00:00Z", "meta": [1, 2]}]},
             variables={"at": "2024-05-05", "cs": ["RED", "BLUE"]}),
        Case("named_operation_among_several",
             "query A { stockReport } query B { items(first: 1) { id } }",
             {"items": [{"id": "1"}]}, operation_name="B", requests={"catalog": 1}),
    ),
)
