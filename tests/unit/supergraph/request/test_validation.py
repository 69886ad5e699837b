"""supergraph.request.parsing/validation: graphql-core's parse/validate results, without cyclic garbage."""

import gc
from pathlib import Path

import pytest
from graphql import GraphQLError, parse, validate

from supergraph.planning.supergraph import Supergraph
from supergraph.request.parsing import parse_document
from supergraph.request.validation import validate_document

SCHEMA = Supergraph.from_sdl((Path(__file__).resolve().parents[4] / "schema.graphql").read_text()).api_schema

VALID = """
query Pet($id: ID!, $full: Boolean = false) {
  pet(id: $id) { id name ...More @include(if: $full) owner { id } }
}
fragment More on Pet { species ... on Pet { name @skip(if: $full) } }
"""

INVALID = [
    "{ nope }",
    "query Q($id: ID!) { pet(id: $missing) { id } }",
    "query Q($id: ID!, $unused: Int) { pet(id: $id) { id } }",
    "query Q($id: String) { pet(id: $id) { id } }",
    "query Q { pet(id: 1) { ...F } } fragment F on Pet { name(x: $v) }",
    "query Q($v: ID) { pet(id: $v) { ...F } } fragment F on Pet { owner { pets(first: $v) { id } } }",
    "{ pet(id: 1) { id: name id } }",
    "{ pet(id: 1) { ...F } } fragment F on Pet { ...G } fragment G on Pet { ...F }",
    "{ pet(id: 1) { name @nope } } fragment Unused on Pet { id }",
    "query A { __typename } query A { __typename } { __typename }",
    "{ pet { name { x } } }",
    "{ " + " ".join(f"f{i}" for i in range(120)) + " }",  # past the 100-error limit
    # directives in the wrong places (KnownDirectives reads the ancestors of each directive)
    "query Q($v: Boolean @skip(if: true)) @include(if: $v) { pet(id: 1) @deprecated { id } }",
    "{ pet(id: 1) { ...F @specifiedBy(url: \"x\") } } fragment F on Pet @skip(if: true) { id }",
    "mutation M @skip(if: true) { __typename } subscription S @include(if: false) { __typename }",
    "{ pet(id: 1) { ... on Pet @include(if: 1) { name @skip } } }",
]


def _errors(errors: list[GraphQLError]) -> list[tuple]:
    return [(e.message, [(loc.line, loc.column) for loc in e.locations or ()], e.path) for e in errors]


@pytest.mark.parametrize("document", [VALID, *INVALID])
def test_validate_document_reports_the_errors_of_graphql_core(document):
    node = parse(document)
    assert _errors(validate_document(SCHEMA, node)) == _errors(validate(SCHEMA, node))


CLIENT_OPERATIONS = sorted(p for p in (Path(__file__).resolve().parents[4] / "client-queries").rglob("*.graphql")
                           if not p.name.endswith("Fields.graphql"))  # fragments only


@pytest.mark.parametrize("path", CLIENT_OPERATIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_client_operations_validate_like_graphql_core(path):
    fragments = "".join(p.read_text() for p in path.parent.glob("*Fields.graphql") if p != path)
    node = parse(path.read_text() + fragments)
    assert _errors(validate_document(SCHEMA, node)) == _errors(validate(SCHEMA, node))


def test_invalid_documents_each_report_errors():
    assert all(validate(SCHEMA, parse(document)) for document in INVALID)
    assert validate(SCHEMA, parse(VALID)) == []


@pytest.mark.parametrize("text", ["{ pet(id: 1) { id", "{ a(x: 1 2) }", "query { " + "a {" * 3000 + "}" * 3000 + " }"])
def test_parse_document_raises_the_errors_of_graphql_core(text):
    with pytest.raises(GraphQLError) as expected:
        parse(text, no_location=True)
    with pytest.raises(GraphQLError) as got:
        parse_document(text, no_location=True)
    assert got.value.message == expected.value.message


def test_parse_document_builds_the_same_document():
    assert parse_document(VALID, no_location=True) == parse(VALID, no_location=True)


@pytest.mark.parametrize("document", [VALID, INVALID[4]])
def test_parsing_and_validating_leave_no_cyclic_garbage(document):
    parse_document(document, no_location=True)  # warm up what is cached once (rule classes)
    validate_document(SCHEMA, parse_document(document, no_location=True))
    gc.collect()
    gc.disable()
    try:
        validate_document(SCHEMA, parse_document(document, no_location=True))
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_graphql_core_alone_leaves_cyclic_garbage():
    """What the test above guards against (so it can fail)."""
    gc.collect()
    gc.disable()
    try:
        validate(SCHEMA, parse(VALID, no_location=True))
        assert gc.collect() > 0
    finally:
        gc.enable()
