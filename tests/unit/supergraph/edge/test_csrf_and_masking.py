"""CSRF prevention on simple requests; suggestions and internals removed from errors."""

import pytest

from supergraph.edge.csrf import check_csrf
from supergraph.edge.masking import clean_errors
from supergraph.edge.request_id import request_id_from
from supergraph.errors import GraphQLRequestError

REQUIRED = ("apollo-require-preflight", "x-apollo-operation-name")


@pytest.mark.parametrize("method, headers", [
    ("GET", {}),
    ("POST", {"content-type": "text/plain"}),
    ("POST", {"content-type": "application/x-www-form-urlencoded"}),
    ("POST", {"content-type": "multipart/form-data; boundary=x"}),
    ("POST", {}),
])
def test_simple_request_without_preflight_header_is_refused(method, headers):
    with pytest.raises(GraphQLRequestError) as caught:
        check_csrf(method, headers, REQUIRED)
    assert caught.value.code == "CSRF_PREVENTION"


@pytest.mark.parametrize("method, headers", [
    ("POST", {"content-type": "application/json"}),
    ("GET", {"apollo-require-preflight": "true"}),
    ("POST", {"content-type": "text/plain", "x-apollo-operation-name": "Q"}),
])
def test_preflighted_request_passes(method, headers):
    check_csrf(method, headers, REQUIRED)


def test_suggestions_are_removed_but_the_message_kept():
    body = {"errors": [{"message": "Cannot query field 'nam' on type 'Pet'. Did you mean 'name'?",
                        "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}]}
    cleaned = clean_errors(body, suggestions=False, mask=True)
    assert cleaned["errors"][0]["message"] == "Cannot query field 'nam' on type 'Pet'."


def test_internal_errors_are_masked_with_code_and_path_only():
    body = {"data": None, "errors": [
        {"message": "HTTP fetch failed from 'reviews': connect to 10.0.0.7:8000 refused", "path": ["a"],
         "extensions": {"code": "SUBREQUEST_HTTP_ERROR", "service": "reviews", "exception": "X"}},
        {"message": "Not yours", "extensions": {"code": "FORBIDDEN"}}]}
    masked, forbidden = clean_errors(body, suggestions=False, mask=True)["errors"]
    assert masked == {"message": "A subgraph request failed.", "path": ["a"],
                      "extensions": {"code": "SUBREQUEST_HTTP_ERROR", "service": "reviews"}}
    assert forbidden["message"] == "Not yours"


def test_well_formed_request_id_is_kept_and_anything_else_replaced():
    assert request_id_from("lb-1234.abc") == "lb-1234.abc"
    assert request_id_from("bad id\nInjected: yes") != "bad id\nInjected: yes"
    assert len(request_id_from(None)) == 32
