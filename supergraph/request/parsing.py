"""Parse a request document without leaving reference cycles behind.

``parse_document`` is graphql-core's ``parse`` whose lexer's token chain (each token links
its neighbours both ways: a cycle per token) is unlinked once parsing ends.
"""

from __future__ import annotations

from graphql import DocumentNode, Source, Token
from graphql.language.lexer import Lexer
from graphql.language.parser import Parser, nested_too_deeply_error


def _unlink(lexer: Lexer) -> None:
    last = lexer.token
    while last.next is not None:  # tokens looked ahead
        last = last.next
    token: Token | None = last
    while token is not None:  # no ``next`` links left: the ``prev`` chain alone is no cycle
        token.next, token = None, token.prev


def parse_document(query: str, *, max_tokens: int | None = None, no_location: bool = False) -> DocumentNode:
    """graphql-core's ``parse`` (same errors), leaving no token cycles behind."""
    source = Source(query)
    lexer = Lexer(source)
    parser = Parser(source, no_location=no_location, max_tokens=max_tokens, lexer=lexer)
    try:
        try:
            return parser.parse_document()
        except RecursionError:
            pass
        raise nested_too_deeply_error(parser)
    finally:
        _unlink(lexer)
