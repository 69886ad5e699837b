"""Merge the fields of one object or interface type across subgraphs.

Rules (Federation 2): the merged output type is the most permissive compatible type;
arguments are intersected (a required argument missing somewhere is an error) and take
the most restrictive type; a field resolved by more than one subgraph must be @shareable
(key fields are shareable implicitly; @external and overridden copies do not count).
"""

from __future__ import annotations

from supergraph.composition.merge_context import MergeContext, quote_list
from supergraph.composition.merged import JoinField, MergedArg, MergedField
from supergraph.composition.model import FieldDef, Kind, Subgraph, TypeDef
from supergraph.spec.field_sets import top_level_fields
from supergraph.spec.types import input_subtype, output_supertype, show

Source = tuple[Subgraph, TypeDef, FieldDef]


def _first(values):
    return next((v for v in values if v is not None), None)


def _key_fields(typedef: TypeDef) -> set[str]:
    return {name for key in typedef.keys for name in top_level_fields(key.fields)}


def _used_locally(typedef: TypeDef, field_name: str) -> bool:
    if field_name in _key_fields(typedef):
        return True
    return any(field_name in top_level_fields(f.requires or "") for f in typedef.fields.values())


class FieldMerger:
    def __init__(self, ctx: MergeContext, type_name: str, kind: Kind, holders: list[tuple[Subgraph, TypeDef]]) -> None:
        self.ctx = ctx
        self.type_name = type_name
        self.kind = kind
        self.holders = holders

    def merge(self, field_name: str) -> MergedField | None:
        sources = [(sg, td, td.fields[field_name]) for sg, td in self.holders if field_name in td.fields]
        coordinate = f"{self.type_name}.{field_name}"
        merged_type = self._merge_type(coordinate, sources)
        if merged_type is None:
            return None
        overridden = self._overridden(coordinate, sources)
        if self.kind == Kind.OBJECT:
            self._check_external_base(coordinate, sources)
            self._check_sharing(coordinate, sources, overridden)
        merged = MergedField(
            field_name,
            merged_type,
            description=_first(f.description for _, _, f in sources),
            deprecation=_first(f.deprecation for _, _, f in sources),
        )
        for _, _, fld in sources:
            merged.security.absorb(fld)
        merged.args = self._merge_args(coordinate, sources)
        all_equal = len({show(f.type) for _, _, f in sources}) == 1
        merged.join = self._join(sources, overridden, all_equal)
        return merged

    def _merge_type(self, coordinate: str, sources: list[Source]):
        merged = sources[0][2].type
        for _sg, _, fld in sources[1:]:
            candidate = output_supertype(merged, fld.type, self.ctx.is_subtype)
            if candidate is None:
                details = ", ".join(f'type "{show(f.type)}" in subgraph "{s.name}"' for s, _, f in sources)
                self.ctx.error(
                    "FIELD_TYPE_MISMATCH",
                    f'Type of field "{coordinate}" is incompatible across subgraphs: it has {details}',
                    [s.name for s, _, _ in sources],
                )
                return None
            merged = candidate
        return merged

    def _overridden(self, coordinate: str, sources: list[Source]) -> dict[str, bool]:
        """Subgraph name -> whether its (overridden) copy is still used by its keys/requires."""
        result: dict[str, bool] = {}
        by_name = {sg.name: (sg, td, f) for sg, td, f in sources}
        for sg, _, fld in sources:
            if fld.override is None or fld.override == sg.name or fld.override not in by_name:
                continue
            target = by_name[fld.override]
            if target[2].override is not None:
                self.ctx.error(
                    "OVERRIDE_SOURCE_HAS_OVERRIDE",
                    f'Field "{coordinate}" on subgraph "{sg.name}" is also marked with directive @override in subgraph '
                    f'"{fld.override}". Only one @override directive is allowed per field.',
                    [sg.name, fld.override],
                )
                continue
            result[fld.override] = _used_locally(target[1], fld.name)
        return result

    def _check_external_base(self, coordinate: str, sources: list[Source]) -> None:
        if all(f.external for _, _, f in sources):
            names = [sg.name for sg, _, _ in sources]
            plural = "subgraphs" if len(names) > 1 else "subgraph"
            self.ctx.error(
                "EXTERNAL_MISSING_ON_BASE",
                f'Field "{coordinate}" is marked @external on all the subgraphs in which it is listed ({plural} '
                f'{quote_list(names)}).',
                names,
            )

    def _check_sharing(self, coordinate: str, sources: list[Source], overridden: dict[str, bool]) -> None:
        resolving = [(sg, td, f) for sg, td, f in sources if not f.external and sg.name not in overridden]
        if len(resolving) < 2:
            return
        non_shareable = [
            sg.name for sg, td, f in resolving
            if not (f.shareable or td.shareable or not sg.fed2 or f.name in _key_fields(td))
        ]
        if not non_shareable:
            return
        names = [sg.name for sg, _, _ in resolving]
        plural = "s" if len(non_shareable) > 1 else ""
        where = ("in all of them" if len(non_shareable) == len(names)
                 else f"in subgraph{plural} {quote_list(non_shareable)}")
        self.ctx.error(
            "INVALID_FIELD_SHARING",
            f'Non-shareable field "{coordinate}" is resolved from multiple subgraphs: it is resolved from subgraphs '
            f"{quote_list(names)} and defined as non-shareable {where}",
            names,
        )

    def _merge_args(self, coordinate: str, sources: list[Source]) -> dict[str, MergedArg]:
        names: list[str] = []
        for _, _, fld in sources:
            names.extend(n for n in fld.args if n not in names)
        merged: dict[str, MergedArg] = {}
        for arg_name in names:
            present = [(sg, f.args[arg_name]) for sg, _, f in sources if arg_name in f.args]
            missing = [sg.name for sg, _, f in sources if arg_name not in f.args]
            if missing:
                required = [sg.name for sg, a in present if a.type.kind == "non_null_type" and a.default is None]
                if required:
                    self.ctx.error(
                        "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                        f'Argument "{coordinate}({arg_name}:)" is required in some subgraphs but does not appear in '
                        'all subgraphs: '
                        f"it is required in {quote_list(required)} but does not appear in {quote_list(missing)}",
                        required + missing,
                    )
                continue
            arg = self._merge_arg(coordinate, arg_name, present)
            if arg is not None:
                merged[arg_name] = arg
        return merged

    def _merge_arg(self, coordinate: str, arg_name: str, present) -> MergedArg | None:
        arg_type = present[0][1].type
        for _, arg in present[1:]:
            arg_type = input_subtype(arg_type, arg.type)
            if arg_type is None:
                details = ", ".join(f'type "{show(a.type)}" in subgraph "{sg.name}"' for sg, a in present)
                self.ctx.error(
                    "ARGUMENT_TYPE_MISMATCH",
                    f'Type of argument "{coordinate}({arg_name}:)" is incompatible across subgraphs: it has {details}',
                    [sg.name for sg, _ in present],
                )
                return None
        merged = MergedArg(
            arg_name,
            arg_type,
            default=_first(a.default for _, a in present),
            description=_first(a.description for _, a in present),
            deprecation=_first(a.deprecation for _, a in present),
        )
        for _, arg in present:
            merged.security.absorb(arg)
        return merged

    def _join(self, sources: list[Source], overridden: dict[str, bool], all_equal: bool) -> list[JoinField] | None:
        if not self._needs_join(sources, overridden, all_equal):
            return None
        joins = []
        for sg, _, fld in sources:
            used = overridden.get(sg.name)
            if used is False and fld.override_label is None:
                continue
            joins.append(
                JoinField(
                    graph=self.ctx.graph(sg),
                    requires=fld.requires,
                    provides=fld.provides,
                    type=None if all_equal else show(fld.type),
                    external=fld.external,
                    override=fld.override,
                    used_overridden=bool(used),
                    override_label=fld.override_label,
                )
            )
        return joins

    def _needs_join(self, sources: list[Source], overridden: dict[str, bool], all_equal: bool) -> bool:
        if not all_equal or any(overridden.values()) or any(f.override_label for _, _, f in sources):
            return True
        if len(sources) != len(self.holders) or overridden:
            return True
        return any(f.external or f.provides is not None or f.requires is not None for _, _, f in sources)
