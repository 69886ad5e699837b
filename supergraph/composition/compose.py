"""The composition pipeline: parse -> per-subgraph checks -> merge -> print -> self-check."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from graphql import GraphQLError, build_schema, validate_schema

from supergraph.composition.merge import merge
from supergraph.composition.model import CompositionError, CompositionResult, Subgraph, SubgraphSpec
from supergraph.composition.printer import print_supergraph
from supergraph.composition.subgraph import SubgraphParseError, parse_subgraph
from supergraph.composition.validate_subgraph import validate_subgraph


def _check_specs(specs: Sequence[SubgraphSpec]) -> list[CompositionError]:
    errors = []
    for name, count in sorted(Counter(spec.name for spec in specs).items()):
        if count > 1:
            errors.append(CompositionError(
                "DUPLICATE_SUBGRAPH_NAME", f'Subgraph name "{name}" is used {count} times.', (name,)))
    for spec in specs:
        if not spec.name.strip():
            errors.append(CompositionError("INVALID_SUBGRAPH_NAME", "A subgraph has an empty name.", (spec.name,)))
        if not spec.url.strip():
            errors.append(CompositionError(
                "INVALID_SUBGRAPH_URL", f'Subgraph "{spec.name}" has an empty url.', (spec.name,)))
    if not specs:
        errors.append(CompositionError("NO_SUBGRAPHS", "At least one subgraph is required.", ()))
    return errors


def _parse_all(specs: Sequence[SubgraphSpec]) -> tuple[list[Subgraph], list[CompositionError]]:
    subgraphs, errors = [], []
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            continue
        seen.add(spec.name)
        try:
            subgraph = parse_subgraph(spec.name, spec.url, spec.sdl)
        except SubgraphParseError as exc:
            errors.append(exc.error)
            continue
        errors.extend(validate_subgraph(subgraph))
        subgraphs.append(subgraph)
    return subgraphs, errors


def _self_check(sdl: str, names: tuple[str, ...]) -> list[CompositionError]:
    """The printed supergraph must be a valid GraphQL schema; report what graphql-core rejects."""
    try:
        schema = build_schema(sdl, assume_valid=True)
        problems = [error.message for error in validate_schema(schema)]
    except GraphQLError as error:
        problems = [error.message]
    return [CompositionError("INVALID_GRAPHQL", f"Composed supergraph is invalid: {p}", names) for p in problems]


def compose(specs: Sequence[SubgraphSpec]) -> CompositionResult:
    """Compose Federation 2 subgraph SDLs into an Apollo supergraph SDL (join v0.5).

    Every error found is reported; `supergraph_sdl` is None when there is any.
    """
    errors = _check_specs(specs)
    subgraphs, parse_errors = _parse_all(specs)
    errors += parse_errors
    if not subgraphs:
        return CompositionResult(None, tuple(errors))
    supergraph, ctx = merge(subgraphs)
    errors += ctx.errors
    if errors:
        return CompositionResult(None, tuple(errors))
    sdl = print_supergraph(supergraph)
    errors += _self_check(sdl, tuple(sg.name for sg in ctx.subgraphs))
    return CompositionResult(None if errors else sdl, tuple(errors))
