"""Schema factory: every subgraph's Strawberry federation schema is built here.

Federation 2.9; parser and validation caches on; a token cap; unexpected errors masked
outside development (coded errors - ``extensions.code`` from the catalogue - pass through).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxTokensLimiter, ParserCache, ValidationCache

FEDERATION_VERSION: Final = "2.9"  # Final: typed as the literal Schema expects
MAX_TOKENS = 20_000


def _should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    if original is None:
        return False  # GraphQL-level errors (validation, coded errors raised directly)
    return not (isinstance(original, GraphQLError) and (original.extensions or {}).get("code"))


def build_schema(query: type, *, mutation: type | None = None, subscription: type | None = None,
                 types: Iterable[type] = (), dev: bool = True) -> strawberry.federation.Schema:
    extensions: list = [lambda: ParserCache(maxsize=512), lambda: ValidationCache(maxsize=512),
                        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS)]
    if not dev:
        extensions.append(lambda: MaskErrors(should_mask_error=_should_mask,
                                             error_message="Internal server error"))
    return strawberry.federation.Schema(
        query=query, mutation=mutation, subscription=subscription, types=list(types),
        extensions=extensions,
        federation_version=FEDERATION_VERSION,
    )


def list_size(*, slicing: list[str] | None = None, assumed: int | None = None):
    """``@listSize`` (demand control, composed into the supergraph for the router's cost
    estimate): the list is as long as the largest of the ``slicing`` arguments (which have
    defaults, so none is required), else ``assumed``."""
    from strawberry.federation.schema_directives import ListSize

    unset = strawberry.UNSET  # left out of the SDL (a printed null is invalid for composers)
    return ListSize(assumed_size=unset if assumed is None else assumed,
                    slicing_arguments=slicing or unset, sized_fields=unset,
                    require_one_slicing_argument=False if slicing else unset)
