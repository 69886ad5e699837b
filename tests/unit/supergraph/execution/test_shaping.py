"""Response shaping: requested fields only, aliases, document order, null propagation."""

from graphql import parse

from supergraph.execution.shaping import compile_shaper
from supergraph.request.operation import fragments_of, normalize, select_operation
from tests.unit.supergraph.fixtures import supergraph_v05


def shape(query: str, data: dict, errors: list | None = None, variables: dict | None = None):
    schema = supergraph_v05().api_schema
    document = parse(query)
    operation = select_operation(document, None)
    selections = normalize(operation.selection_set, fragments_of(document))
    shaper = compile_shaper(schema, schema.query_type, selections, variables or {})
    errors = [] if errors is None else errors
    return shaper.shape(data, errors), errors


def test_picks_requested_fields_under_aliases_in_document_order():
    merged = {"topProducts": [{"title": "T", "price": 3, "__typename": "Product", "sku": "x"}]}
    result, errors = shape("{ topProducts { price title: name } }", merged)
    assert result == {"topProducts": [{"price": 3, "title": "T"}]}
    assert list(result["topProducts"][0]) == ["price", "title"]
    assert errors == []


def test_typename_comes_from_the_object_for_abstract_types():
    data = {"posts": [{"__typename": "Question", "id": "q1", "body": "?"}, {"__typename": "Review", "id": "r1", "body": "!", "rating": 5}]}
    result, _ = shape("{ posts { __typename id ... on Review { rating } } }", data)
    assert result == {"posts": [{"__typename": "Question", "id": "q1"}, {"__typename": "Review", "id": "r1", "rating": 5}]}


def test_named_fragments_merge_with_fields():
    query = "{ me { ...U id } } fragment U on User { name }"
    result, _ = shape(query, {"me": {"id": "1", "name": "A"}})
    assert result == {"me": {"name": "A", "id": "1"}}


def test_skip_and_include_follow_variables():
    query = "query($x: Boolean!) { me { id name @include(if: $x) username @skip(if: $x) } }"
    data = {"me": {"id": "1", "name": "A", "username": "a"}}
    assert shape(query, data, variables={"x": True})[0] == {"me": {"id": "1", "name": "A"}}
    assert shape(query, data, variables={"x": False})[0] == {"me": {"id": "1", "username": "a"}}


def test_null_in_non_null_field_bubbles_to_nearest_nullable_parent_with_error():
    result, errors = shape("{ me { id name } }", {"me": {"id": "1", "name": None}})
    assert result == {"me": None}
    assert errors[0]["path"] == ["me", "name"]
    assert errors[0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"


def test_null_item_in_non_null_list_nulls_the_whole_data_when_all_parents_are_non_null():
    data = {"topProducts": [{"sku": "1"}, None]}
    result, errors = shape("{ topProducts { sku } }", data)
    assert result is None
    assert errors[0]["path"] == ["topProducts", 1]


def test_nullable_list_item_parent_absorbs_the_null():
    data = {"latestReviews": [{"author": {"id": "1", "name": None}}, {"author": {"id": "2", "name": "B"}}]}
    result, errors = shape("{ latestReviews { author { id name } } }", data)
    assert result == {"latestReviews": [{"author": None}, {"author": {"id": "2", "name": "B"}}]}
    assert [e["path"] for e in errors] == [["latestReviews", 0, "author", "name"]]


def test_missing_fields_after_a_failed_fetch_do_not_add_duplicate_errors():
    failure = {"message": "HTTP fetch failed", "path": ["me"], "extensions": {"code": "SUBREQUEST_HTTP_ERROR"}}
    result, errors = shape("{ me { id name } }", {"me": {"id": "1"}}, errors=[failure])
    assert result == {"me": None}
    assert errors == [failure]
