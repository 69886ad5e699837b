"""Merge enums, unions, input objects and scalars across subgraphs."""

from __future__ import annotations

from graphql.language import TypeNode

from supergraph.composition.merge_context import MergeContext, quote_list
from supergraph.composition.merged import JoinField, MergedEnumValue, MergedField, MergedType
from supergraph.composition.model import Subgraph, TypeDef
from supergraph.spec.types import input_subtype, show

Holders = list[tuple[Subgraph, TypeDef]]


def _first(values):
    return next((v for v in values if v is not None), None)


def merge_union(ctx: MergeContext, merged: MergedType, holders: Holders) -> None:
    for sg, td in holders:
        merged.members.extend((ctx.graph(sg), member) for member in td.members)


def merge_enum(ctx: MergeContext, merged: MergedType, holders: Holders) -> None:
    name = merged.name
    names: list[str] = []
    for _, td in holders:
        names.extend(v for v in td.values if v not in names)
    as_input = name in ctx.input_usage
    as_output = name in ctx.output_usage or not as_input
    for value in names:
        having = [(sg, td.values[value]) for sg, td in holders if value in td.values]
        lacking = [sg.name for sg, td in holders if value not in td.values]
        if lacking and as_input and as_output:
            ctx.error(
                "ENUM_VALUE_MISMATCH",
                f'Enum type "{name}" is used as both input type and output type, but value "{value}" is not defined '
                'in all '
                f'the subgraphs defining "{name}": "{value}" is defined in {quote_list([sg.name for sg, _ in having])} '
                f"but not in {quote_list(lacking)}",
                [sg.name for sg, _ in having] + lacking,
            )
            continue
        if lacking and as_input:
            continue  # input-only enums keep the values every subgraph accepts
        merged_value = MergedEnumValue(
            value,
            [ctx.graph(sg) for sg, _ in having],
            description=_first(v.description for _, v in having),
            deprecation=_first(v.deprecation for _, v in having),
        )
        for _, v in having:
            merged_value.security.absorb(v)
        merged.values[value] = merged_value
    if not merged.values:
        ctx.error(
            "EMPTY_MERGED_ENUM_TYPE",
            f'None of the values of enum type "{name}" are defined consistently in all the subgraphs defining that '
            'type.',
            [sg.name for sg, _ in holders],
        )


def merge_input(ctx: MergeContext, merged: MergedType, holders: Holders) -> None:
    names: list[str] = []
    for _, td in holders:
        names.extend(f for f in td.fields if f not in names)
    for field_name in names:
        having = [(sg, td.fields[field_name]) for sg, td in holders if field_name in td.fields]
        lacking = [sg.name for sg, td in holders if field_name not in td.fields]
        coordinate = f"{merged.name}.{field_name}"
        if lacking:
            required = [sg.name for sg, f in having if f.type.kind == "non_null_type" and f.default is None]
            if required:
                ctx.error(
                    "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                    f'Input object field "{coordinate}" is required in some subgraphs but does not appear in all '
                    'subgraphs: '
                    f"it is required in {quote_list(required)} but does not appear in {quote_list(lacking)}",
                    required + lacking,
                )
            continue
        field_type: TypeNode | None = having[0][1].type
        for _, fld in having[1:]:
            field_type = input_subtype(field_type, fld.type) if field_type is not None else None
        if field_type is None:
            details = ", ".join(f'type "{show(f.type)}" in subgraph "{sg.name}"' for sg, f in having)
            ctx.error(
                "FIELD_TYPE_MISMATCH",
                f'Type of field "{coordinate}" is incompatible across subgraphs: it has {details}',
                [sg.name for sg, _ in having],
            )
            continue
        all_equal = len({show(f.type) for _, f in having}) == 1
        out = MergedField(
            field_name,
            field_type,
            description=_first(f.description for _, f in having),
            deprecation=_first(f.deprecation for _, f in having),
            default=_first(f.default for _, f in having),
        )
        for _, fld in having:
            out.security.absorb(fld)
        if not all_equal:
            out.join = [JoinField(ctx.graph(sg), type=show(f.type)) for sg, f in having]
        merged.fields[field_name] = out
    if not merged.fields:
        ctx.error(
            "EMPTY_MERGED_INPUT_TYPE",
            f'None of the fields of input object type "{merged.name}" are consistently defined in all the subgraphs '
            'defining that type.',
            [sg.name for sg, _ in holders],
        )
