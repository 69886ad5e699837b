"""Merge validated subgraphs into the supergraph model (`Supergraph`).

Errors are collected on the `MergeContext`; merging goes on after an error so that one
run reports every problem.
"""

from __future__ import annotations

from collections.abc import Sequence

from supergraph.composition.merge_context import MergeContext
from supergraph.composition.merge_fields import FieldMerger
from supergraph.composition.merge_leaf import merge_enum, merge_input, merge_union
from supergraph.composition.merged import Graph, MergedType, Supergraph, join_type_for
from supergraph.composition.model import Key, Kind, Subgraph, TypeDef

_KIND_LABEL = {
    Kind.OBJECT: "Object Type",
    Kind.INTERFACE: "Interface Type",
    Kind.UNION: "Union Type",
    Kind.ENUM: "Enum Type",
    Kind.INPUT: "Input Object Type",
    Kind.SCALAR: "Scalar Type",
}


def graph_names(subgraphs: list[Subgraph]) -> dict[str, str]:
    """Subgraph name -> unique join__Graph enum value."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for sg in subgraphs:
        base = candidate = sg.graph_enum
        suffix = 0
        while candidate in taken:
            suffix += 1
            candidate = f"{base}_{suffix}"
        taken.add(candidate)
        result[sg.name] = candidate
    return result


def _type_names(subgraphs: list[Subgraph]) -> list[str]:
    names: set[str] = set()
    for sg in subgraphs:
        names.update(sg.types)
    return sorted(names)


def _check_kinds(ctx: MergeContext, name: str, holders: list[tuple[Subgraph, TypeDef]]) -> bool:
    kinds = {td.kind for _, td in holders}
    if len(kinds) == 1:
        return True
    details = ", ".join(f'{_KIND_LABEL[td.kind]} in subgraph "{sg.name}"' for sg, td in holders)
    ctx.error(
        "TYPE_KIND_MISMATCH",
        f'Type "{name}" has mismatched kind: it is defined as {details}',
        [sg.name for sg, _ in holders],
    )
    return False


def _merge_composite(ctx: MergeContext, merged: MergedType, holders: list[tuple[Subgraph, TypeDef]]) -> None:
    merger = FieldMerger(ctx, merged.name, merged.kind, holders)
    names: list[str] = []
    for _, td in holders:
        names.extend(f for f in td.fields if f not in names)
    for field_name in names:
        merged_field = merger.merge(field_name)
        if merged_field is not None:
            merged.fields[field_name] = merged_field
    for sg, td in holders:
        merged.implements.extend((ctx.graph(sg), iface) for iface in td.interfaces)


def _merge_type(ctx: MergeContext, name: str) -> MergedType | None:
    holders = ctx.sources(name)
    if not _check_kinds(ctx, name, holders):
        return None
    kind = holders[0][1].kind
    merged = MergedType(name, kind, description=next((td.description for _, td in holders if td.description), None))
    for sg, td in holders:
        merged.security.absorb(td)
        keys: Sequence[Key | None] = td.keys or [None]
        merged.join_types.extend(join_type_for(ctx.graph(sg), key, td.interface_object) for key in keys)
    if kind in (Kind.OBJECT, Kind.INTERFACE):
        _merge_composite(ctx, merged, holders)
    elif kind == Kind.UNION:
        merge_union(ctx, merged, holders)
    elif kind == Kind.ENUM:
        merge_enum(ctx, merged, holders)
    elif kind == Kind.INPUT:
        merge_input(ctx, merged, holders)
    return merged


def _check_root(ctx: MergeContext, types: dict[str, MergedType]) -> None:
    query = types.get("Query")
    if query is None or not query.fields:
        ctx.error(
            "NO_QUERIES",
            "No queries found in any subgraph: a supergraph must have a query root type with at least one field.",
            [sg.name for sg in ctx.subgraphs],
        )


def merge(subgraphs: list[Subgraph]) -> tuple[Supergraph, MergeContext]:
    ordered = sorted(subgraphs, key=lambda sg: sg.name)
    names = graph_names(ordered)
    ctx = MergeContext(ordered, names)
    types: dict[str, MergedType] = {}
    for name in _type_names(ordered):
        merged = _merge_type(ctx, name)
        if merged is not None:
            types[name] = merged
    _check_root(ctx, types)
    graphs = [Graph(names[sg.name], sg.name, sg.url) for sg in ordered]
    return Supergraph(graphs, types), ctx
