"""Structural limits, checked on the parsed document before validation.

One pass over the document, linear in its size whatever its fragments do: each fragment's
figures are computed once and reused at every spread, so a "fragment bomb" (fragments that
spread each other many times) is measured - and refused by ``max_fields`` - without being
expanded. A fragment cycle is refused on the spot (validation would report it too, but only
after this walk).

Measured per operation (fragments expanded): depth (root fields are depth 1), aliases, root
fields, field selections; per node (field, fragment, operation): directives; and the field
comparisons validation's overlap rule would make (``supergraph.edge.overlap``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

from supergraph.edge.config import LimitsConfig
from supergraph.edge.overlap import overlap_comparisons
from supergraph.errors import ErrorCode, GraphQLRequestError
from supergraph.request.parsing import parse_document

_INTROSPECTION = frozenset({"__schema", "__type"})


@dataclass(frozen=True)
class Figures:
    depth: int = 0
    aliases: int = 0
    fields: int = 0
    root_fields: int = 0  # fields at this level (through fragments), for the root only

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(max(self.depth, other.depth), self.aliases + other.aliases,
                       self.fields + other.fields, self.root_fields + other.root_fields)


# One GraphQL token per match (block strings, strings, names, numbers, punctuators); comments
# and insignificant characters are matched as "skip" and not counted.
_TOKEN = re.compile(
    r'(?P<skip>#[^\n\r]*|[\s,\ufeff]+)|"""(?:[^"\\]|\\.|"(?!""))*"""|"(?:[^"\\\n\r]|\\.)*"'
    r"|[_A-Za-z][_0-9A-Za-z]*|-?\d[\d.eE+-]*|\.\.\.|[!$&()\[\]{}:=@|]|.", re.S)


def count_tokens(query: str, stop_after: int) -> int:
    """Tokens the way the lexer counts them (C-speed regex), stopping past ``stop_after``."""
    count = 0
    for match in _TOKEN.finditer(query):
        if match.lastgroup != "skip":
            count += 1
            if count > stop_after:
                break
    return count


def parse_capped(query: str, max_tokens: int | None, *, no_location: bool = False) -> DocumentNode:
    """``parse`` with the token cap; over the cap -> MAX_TOKENS_LIMIT (parsing stops there).

    graphql-core's own nesting guard ("nested too deeply") is reported as MAX_DEPTH_LIMIT.
    ``no_location``: the nodes keep no source locations (nor the token chain they refer to).
    """
    # Pre-count at regex speed: a document far over the cap never reaches the (pure Python)
    # parser; the parser's own cap stays the exact check. A text no longer than the cap
    # cannot exceed it (every token is at least one character): no count needed.
    if max_tokens is not None and len(query) > max_tokens and count_tokens(query, max_tokens) > max_tokens:
        raise GraphQLRequestError(ErrorCode.MAX_TOKENS_LIMIT, f"Document exceeds the limit of {max_tokens} tokens.")
    try:
        return parse_document(query, max_tokens=max_tokens, no_location=no_location)
    except GraphQLError as exc:
        if "Parsing aborted" in exc.message and "tokens" in exc.message:
            raise GraphQLRequestError(
                ErrorCode.MAX_TOKENS_LIMIT, f"Document exceeds the limit of {max_tokens} tokens.") from None
        if "Parsing aborted" in exc.message and "nested too deeply" in exc.message:
            raise GraphQLRequestError(ErrorCode.MAX_DEPTH_LIMIT, "Document is nested too deeply.") from None
        raise


class _Measure:
    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {d.name.value: d for d in document.definitions
                          if isinstance(d, FragmentDefinitionNode)}
        self.memo: dict[str, Figures] = {}
        self.active: set[str] = set()

    def selection_set(self, node: SelectionSetNode | None) -> Figures:
        total = Figures()
        for selection in node.selections if node else ():
            if isinstance(selection, FieldNode):
                child = self.selection_set(selection.selection_set)
                # Introspection's own nesting (TypeRef's ofType chain) is not client depth: it
                # is gated by role instead (INTROSPECTION_DISABLED), and bounded by max_fields.
                depth = 1 if selection.name.value in _INTROSPECTION else child.depth + 1
                total = total + Figures(depth, child.aliases + (1 if selection.alias else 0),
                                        child.fields + 1, 1)
            elif isinstance(selection, InlineFragmentNode):
                total = total + self.selection_set(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total = total + self.fragment(selection.name.value)
        return total

    def fragment(self, name: str) -> Figures:
        if name in self.memo:
            return self.memo[name]
        definition = self.fragments.get(name)
        if definition is None:
            return Figures()  # unknown fragment: validation reports it
        if name in self.active:
            raise GraphQLRequestError(ErrorCode.GRAPHQL_VALIDATION_FAILED,
                                      f'Cannot spread fragment "{name}" within itself.')
        self.active.add(name)
        figures = self.memo[name] = self.selection_set(definition.selection_set)
        self.active.discard(name)
        return figures


def _refuse(code: ErrorCode, what: str, value: int, limit: int) -> GraphQLRequestError:
    return GraphQLRequestError(code, f"Operation {what} {value} exceeds the limit of {limit}.")


def _check(figures: Figures, config: LimitsConfig) -> None:
    checks = (
        (ErrorCode.MAX_DEPTH_LIMIT, "depth", figures.depth, config.max_depth),
        (ErrorCode.MAX_ALIASES_LIMIT, "aliases", figures.aliases, config.max_aliases),
        (ErrorCode.MAX_ROOT_FIELDS_LIMIT, "root fields", figures.root_fields, config.max_root_fields),
        (ErrorCode.MAX_FIELDS_LIMIT, "field selections", figures.fields, config.max_fields),
    )
    for code, what, value, limit in checks:
        if limit is not None and value > limit:
            raise _refuse(code, what, value, limit)


def _max_directives(document: DocumentNode) -> int:
    """The most directives on one node; a flat walk over the document (no expansion)."""
    most = 0
    stack: list = list(document.definitions)
    while stack:
        node = stack.pop()
        most = max(most, len(getattr(node, "directives", None) or ()))
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            stack.extend(selection_set.selections)
    return most


def check_limits(document: DocumentNode, config: LimitsConfig) -> None:
    """Raise a coded ``GraphQLRequestError`` for the first limit the document exceeds."""
    if config.max_directives is not None:
        most = _max_directives(document)
        if most > config.max_directives:
            raise _refuse(ErrorCode.MAX_DIRECTIVES_LIMIT, "directives on one selection", most,
                          config.max_directives)
    measure = _Measure(document)
    for name in measure.fragments:  # unused fragments too: validation walks them all
        fragment = measure.fragment(name)
        _check(Figures(fragment.depth, fragment.aliases, fragment.fields, 0), config)
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            _check(measure.selection_set(definition.selection_set), config)
    # Last: bounded by max_fields above, so its merged walk stays small.
    budget = config.max_overlap_comparisons
    if budget is not None and overlap_comparisons(document, budget) is None:
        raise GraphQLRequestError(
            ErrorCode.MAX_FIELDS_LIMIT,
            f"Operation selects the same fields so often that validating it needs more than {budget} "
            "field comparisons.")
