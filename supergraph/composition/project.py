"""Helpers for `pawgraph compose`: compose from SDL files, write, and check `schema.graphql`.

    result = compose_files([SubgraphFile("profiles", "http://profiles:8000/graphql", "profiles.graphql"), ...])
    if not result.ok: print(format_errors(result)); exit 1
    check_file("schema.graphql", result)   # CI: False when the checked-in file is stale
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from supergraph.composition.compose import compose
from supergraph.composition.model import CompositionError, CompositionResult, SubgraphSpec


@dataclass(frozen=True)
class SubgraphFile:
    name: str
    url: str
    path: str | Path


def compose_files(specs: Sequence[SubgraphFile | SubgraphSpec]) -> CompositionResult:
    """Compose subgraphs given as SDL files (or already-loaded `SubgraphSpec`s).

    An unreadable file is reported as an `UNREADABLE_SUBGRAPH_SDL` error, alongside every
    composition error of the other subgraphs.
    """
    loaded: list[SubgraphSpec] = []
    errors: list[CompositionError] = []
    for spec in specs:
        if isinstance(spec, SubgraphSpec):
            loaded.append(spec)
            continue
        try:
            loaded.append(SubgraphSpec(spec.name, spec.url, Path(spec.path).read_text(encoding="utf-8")))
        except OSError as exc:
            errors.append(CompositionError(
                "UNREADABLE_SUBGRAPH_SDL", f"Cannot read {spec.path}: {exc.strerror}", (spec.name,)))
    result = compose(loaded) if loaded else CompositionResult(None, ())
    if errors:
        return CompositionResult(None, tuple(errors) + result.errors)
    return result


def write_file(path: str | Path, result: CompositionResult) -> bool:
    """Write the supergraph SDL; False (nothing written) when composition failed."""
    if result.supergraph_sdl is None:
        return False
    Path(path).write_text(result.supergraph_sdl, encoding="utf-8")
    return True


def check_file(path: str | Path, result: CompositionResult) -> bool:
    """True when composition succeeded and `path` holds exactly the composed SDL."""
    if result.supergraph_sdl is None or result.errors:
        return False
    try:
        return Path(path).read_text(encoding="utf-8") == result.supergraph_sdl
    except OSError:
        return False


def format_errors(result: CompositionResult) -> str:
    """One line per error: `CODE [subgraph, ...]: message`."""
    lines = []
    for error in result.errors:
        where = f" [{', '.join(error.subgraphs)}]" if error.subgraphs else ""
        lines.append(f"{error.code}{where}: {error.message}")
    return "\n".join(lines)
