"""Errors: subgraph errors re-pathed to the client's path (also from ``_entities``), null
propagation by the API schema, partial data when a subgraph is down or slow (its fields
null, ``SUBREQUEST_HTTP_ERROR`` with the subgraph name), never a 500 for a valid operation."""

from tests.support.conformance.cannedgraph import CodedError
from tests.support.conformance.harness import Case, Feature, Subgraph

SUBREQUEST = "SUBREQUEST_HTTP_ERROR"


def _risky(obj, args, store):
    if obj["id"] == "2":
        raise CodedError("risky failed", "BAD_USER_INPUT")
    return f"r{obj['id']}"


CATALOG = Subgraph(
    """
    type Query { items: [Item]! item(id: ID!): Item broken: String safe: String }
    type Item @key(fields: "id") { id: ID! name: String! }
    """,
    {"Query": {"items": [{"id": "1", "name": "Pen"}, {"id": "2", "name": "Ink"}], "safe": "ok"},
     "entities": {"Item": [{"id": "1", "name": "Pen"}, {"id": "2", "name": "Ink"}]}},
    {"Query.broken": lambda o, a, s: (_ for _ in ()).throw(CodedError("not yours", "FORBIDDEN")),
     "Query.item": lambda o, a, s: {"id": a["id"], "name": "Pen"}},
)

STOCK_SDL = """
    type Query { stockReport: String }
    type Item @key(fields: "id") { id: ID! count: Int risky: String mustHave: Int! }
"""
STOCK_DATA = {"Query": {"stockReport": "fine"},
              "entities": {"Item": [{"id": "1", "count": 4, "mustHave": 1}, {"id": "2", "count": 0, "mustHave": None}]}}
STOCK = Subgraph(STOCK_SDL, STOCK_DATA, {"Item.risky": _risky})
SLOW_STOCK = Subgraph(STOCK_SDL, STOCK_DATA, {"Item.risky": _risky}, delay=0.5)

FEATURE = Feature(
    "errors",
    {"catalog": CATALOG, "stock": STOCK},
    (
        Case("root_field_error_keeps_the_other_fields", "{ broken safe }",
             {"broken": None, "safe": "ok"}, errors=(("FORBIDDEN", ("broken",)),)),
        Case("entity_error_is_repathed_to_the_client_path", "{ items { id risky } }",
             {"items": [{"id": "1", "risky": "r1"}, {"id": "2", "risky": None}]},
             errors=(("BAD_USER_INPUT", ("items", 1, "risky")),)),
        Case("non_null_violation_nulls_the_nearest_nullable_parent", "{ items { id mustHave } }",
             {"items": [{"id": "1", "mustHave": 1}, None]}, no_errors=False),
        Case("entity_subgraph_down_nulls_only_its_fields", "{ items { id name count } }",
             {"items": [{"id": "1", "name": "Pen", "count": None}, {"id": "2", "name": "Ink", "count": None}]},
             errors=((SUBREQUEST, ("items", 0, "count")),), down=("stock",)),
        Case("root_subgraph_down_nulls_its_root_fields", '{ item(id: "1") { id count } stockReport }',
             {"item": None, "stockReport": "fine"}, errors=((SUBREQUEST, ("item",)),), down=("catalog",)),
        Case("non_null_root_field_of_a_down_subgraph_nulls_data", "{ items { id } }",
             None, errors=((SUBREQUEST, ("items",)),), down=("catalog",)),
        Case("every_subgraph_down_still_answers", '{ item(id: "1") { id } stockReport }',
             {"item": None, "stockReport": None}, no_errors=False, down=("catalog", "stock")),
    ),
)

SLOW = Feature(
    "errors_slow_subgraph",
    {"catalog": CATALOG, "stock": SLOW_STOCK},
    (
        Case("slow_subgraph_times_out_and_its_fields_are_null", "{ items { id count } }",
             {"items": [{"id": "1", "count": None}, {"id": "2", "count": None}]},
             errors=((SUBREQUEST, ("items", 0, "count")),), timeout=0.05),
    ),
)
