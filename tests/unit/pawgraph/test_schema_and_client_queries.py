"""The checked-in supergraph is what the subgraphs compose to, and every client operation
validates against its API schema."""

import pytest
from graphql import build_schema, parse, validate

from pawgraph.assembly import subgraph_specs
from pawgraph.clientops import load_all
from supergraph.composition import compose
from supergraph.spec.api_schema import api_schema_sdl
from tests.support.paths import SCHEMA_FILE


def test_checked_in_supergraph_is_up_to_date():
    result = compose(subgraph_specs())
    assert not result.errors, result.errors
    assert SCHEMA_FILE.read_text() == result.supergraph_sdl, "run `pawgraph compose`"


@pytest.mark.parametrize("operation", load_all(), ids=lambda op: f"{op.client}/{op.name}")
def test_client_operation_validates_against_the_api_schema(operation):
    api = build_schema(api_schema_sdl(SCHEMA_FILE.read_text()))
    errors = validate(api, parse(operation.document))
    assert not errors, [e.message for e in errors]


def test_client_queries_are_not_empty():
    clients = {op.client for op in load_all()}
    assert "vue" in clients
