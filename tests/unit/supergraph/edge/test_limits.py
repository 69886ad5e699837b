"""Structural limits before validation: each limit refused with its code, fragments measured once."""

import pytest
from graphql import parse

from supergraph.edge.config import LimitsConfig
from supergraph.edge.limits import check_limits, parse_capped
from supergraph.errors import GraphQLRequestError

LIMITS = LimitsConfig(max_tokens=200, max_depth=4, max_aliases=2, max_root_fields=3,
                      max_directives=2, max_fields=50)


def refusal(query: str, limits: LimitsConfig = LIMITS) -> str:
    with pytest.raises(GraphQLRequestError) as caught:
        check_limits(parse_capped(query, limits.max_tokens), limits)
    return caught.value.code


def test_document_within_every_limit_passes():
    check_limits(parse("query Q { a { b { c } } x: a { id } ...F } fragment F on Query { d }"), LIMITS)


def test_too_many_tokens_is_refused_while_parsing():
    assert refusal("{ " + "a " * 300 + "}") == "MAX_TOKENS_LIMIT"


def test_too_deep_through_a_fragment_is_refused():
    assert refusal("{ a { ...F } } fragment F on A { b { c { d { e } } } }") == "MAX_DEPTH_LIMIT"


def test_parser_nesting_guard_is_reported_as_depth():
    assert refusal("{" + "a{" * 300 + "b" + "}" * 301, LimitsConfig(max_tokens=None)) == "MAX_DEPTH_LIMIT"


def test_introspection_nesting_does_not_count_as_depth():
    check_limits(parse("{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }"),
                 LIMITS)


def test_too_many_aliases_is_refused():
    assert refusal("{ a: x b: x c: x }") == "MAX_ALIASES_LIMIT"


def test_too_many_root_fields_through_fragments_is_refused():
    assert refusal("{ a b ...F } fragment F on Query { c d }") == "MAX_ROOT_FIELDS_LIMIT"


def test_too_many_directives_on_one_field_is_refused():
    assert refusal("{ a @skip(if: false) @include(if: true) @skip(if: false) }") == "MAX_DIRECTIVES_LIMIT"


def test_fragment_bomb_is_refused_without_expanding_it():
    fragments = " ".join(f"fragment F{i} on Q {{ ...F{i + 1} ...F{i + 1} ...F{i + 1} }}" for i in range(30))
    bomb = f"{{ ...F0 }} {fragments} fragment F30 on Q {{ x }}"
    assert refusal(bomb, LimitsConfig(max_tokens=None, max_fields=2000)) == "MAX_FIELDS_LIMIT"


def test_unused_fragment_bomb_is_refused_too():
    fragments = " ".join(f"fragment F{i} on Q {{ ...F{i + 1} ...F{i + 1} }}" for i in range(40))
    assert refusal(f"{{ x }} {fragments} fragment F40 on Q {{ x }}",
                   LimitsConfig(max_tokens=None)) == "MAX_FIELDS_LIMIT"


def test_fragment_cycle_is_refused_as_invalid():
    assert refusal("{ ...A } fragment A on Q { ...B } fragment B on Q { ...A }") == "GRAPHQL_VALIDATION_FAILED"


def test_disabled_limit_is_not_checked():
    check_limits(parse("{ a: x b: x c: x }"), LimitsConfig(max_aliases=None))


def test_fast_token_count_matches_the_lexer_on_client_operations():
    from graphql import get_introspection_query
    from graphql.language import Lexer, Source, TokenKind

    from pawgraph.clientops import load_all
    from supergraph.edge.limits import count_tokens

    def lexer_count(query: str) -> int:
        lexer, count = Lexer(Source(query)), 0
        while lexer.advance().kind != TokenKind.EOF:
            count += 1
        return count

    documents = [op.document for op in load_all()] + [
        get_introspection_query(descriptions=True),
        '{ a(s: "x # y \\" z", b: """block " "" x""") # comment\n b }']
    for document in documents:
        assert count_tokens(document, 10**9) == lexer_count(document)


def test_fields_repeated_through_fragments_past_the_comparison_budget_are_refused():
    limits = LimitsConfig(max_overlap_comparisons=50)
    query = "{ a { ...F ...G x { y } x { y } } } fragment F on A { x { y } } fragment G on A { x { y z } x { y } }"
    assert refusal(query, limits) == "MAX_FIELDS_LIMIT"


def test_same_field_under_different_parents_costs_few_comparisons():
    check_limits(parse("{ a { x } b { x } c { x } d { x } }"), LimitsConfig(max_overlap_comparisons=20))


def test_nested_repeats_that_cost_validation_a_second_are_refused_cheaply():
    inner = "name"
    for n in (8, 5, 3, 2):
        inner = ("owner { pets { " + inner + " } } ") * n
    assert refusal("{ myPets { " + inner + " } }", LimitsConfig()) == "MAX_FIELDS_LIMIT"


def test_every_client_operation_and_introspection_are_within_the_comparison_budget():
    from graphql import get_introspection_query

    from pawgraph.clientops import load_all

    for document in [op.document for op in load_all()] + [get_introspection_query(descriptions=True)]:
        check_limits(parse(document), LimitsConfig())
