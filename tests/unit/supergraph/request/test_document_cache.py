"""Prepared operations are shared by texts that differ only in what the lexer ignores."""

import pytest

from supergraph.edge.config import EdgeConfig, LimitsConfig
from supergraph.edge.policy import EdgePolicy
from supergraph.errors import ErrorCode, GraphQLRequestError
from supergraph.request.cache import token_key
from supergraph.router import Router
from tests.unit.supergraph.fixtures import SUPERGRAPH_V05

QUERY = """query Top($n: Int) {
  topProducts(first: $n) { name reviewCount }
}"""
COMMENTED = "# plan 1\n" + QUERY
REFORMATTED = "# plan 2, first time this text is seen\n" + QUERY.replace(" {", ",{").replace("\n", "\n\t ")
ALIASED = QUERY.replace("name", "title: name")


def test_texts_differing_in_comment_text_spacing_and_commas_share_one_preparation():
    router = Router(SUPERGRAPH_V05, {})
    assert router.prepare(REFORMATTED, "Top") is router.prepare(COMMENTED, "Top")
    assert router.prepare(QUERY, "Top") is not router.prepare(COMMENTED, "Top")  # one comment more


def test_a_different_token_is_prepared_on_its_own():
    router = Router(SUPERGRAPH_V05, {})
    assert router.prepare(ALIASED, "Top") is not router.prepare(QUERY, "Top")
    assert token_key(ALIASED) != token_key(QUERY)


def test_an_invalid_text_is_refused_although_its_tokens_look_like_a_cached_document():
    router = Router(SUPERGRAPH_V05, {})
    router.prepare(QUERY, "Top")
    with pytest.raises(GraphQLRequestError) as refused:
        router.prepare(QUERY.replace(" {", "\u00a0{", 1), "Top")  # no-break space: not ignored
    assert refused.value.code == ErrorCode.GRAPHQL_PARSE_FAILED


def test_comments_still_count_against_the_token_cap_of_a_shared_document():
    tokens = 21  # QUERY's tokens; the parser's cap also counts comments
    policy = EdgePolicy(EdgeConfig(limits=LimitsConfig(max_tokens=tokens + 2)), SUPERGRAPH_V05)
    router = Router(SUPERGRAPH_V05, {}, policy=policy)
    router.prepare("# one\n" + QUERY, "Top")
    with pytest.raises(GraphQLRequestError) as refused:
        router.prepare("# one\n# two\n# three\n" + QUERY, "Top")
    assert refused.value.code == ErrorCode.MAX_TOKENS_LIMIT


def test_documents_with_escapes_get_no_token_key():
    assert token_key('{ a(s: "x\\"y") }') is None
    assert token_key("{ a }\n# x") == token_key("{\ta },,\n# done") != token_key("{ a }")
    assert token_key("{ a(s: \"#\") }\n# x") == token_key("{a(s:\"#\")}#y") != token_key("{ a(s: \"#\") }")


def test_texts_the_lexer_splits_differently_never_share_a_key():
    # ignored text between two non-punctuator tokens matters: "1y" and '""""' do not lex
    assert token_key('{ f(x: 1 y: "s") }') != token_key('{ f(x: 1y: "s") }')
    assert token_key('{ f(a: "" b: "") }') != token_key('{ f(a: ""b: "") }')
    assert token_key('{ f(a: "" "") }') != token_key('{ f(a: """") }')
    router = Router(SUPERGRAPH_V05, {})
    router.prepare('query Top { topProducts(first: 1) { name } }', "Top")
    with pytest.raises(GraphQLRequestError) as refused:
        router.prepare('query Top { topProducts(first: 1name) { name } }', "Top")
    assert refused.value.code == ErrorCode.GRAPHQL_PARSE_FAILED
