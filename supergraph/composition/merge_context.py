"""Shared state for the merge stage: subgraphs in order, graph enum names, errors, type relations."""

from __future__ import annotations

from dataclasses import dataclass, field

from supergraph.composition.model import CompositionError, Kind, Subgraph, TypeDef
from supergraph.spec.types import named


def quote_list(names: list[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


@dataclass
class MergeContext:
    subgraphs: list[Subgraph]
    graph_names: dict[str, str]  # subgraph name -> join__Graph value
    errors: list[CompositionError] = field(default_factory=list)
    supertypes: dict[str, set[str]] = field(default_factory=dict)
    input_usage: set[str] = field(default_factory=set)
    output_usage: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for subgraph in self.subgraphs:
            for typedef in subgraph.types.values():
                for iface in typedef.interfaces:
                    self.supertypes.setdefault(typedef.name, set()).add(iface)
                for member in typedef.members:
                    self.supertypes.setdefault(member, set()).add(typedef.name)
                self._record_usage(typedef)

    def _record_usage(self, typedef: TypeDef) -> None:
        if typedef.kind == Kind.INPUT:
            self.input_usage.update(named(f.type) for f in typedef.fields.values())
            return
        for fld in typedef.fields.values():
            self.output_usage.add(named(fld.type))
            self.input_usage.update(named(a.type) for a in fld.args.values())

    def error(self, code: str, message: str, subgraphs: list[str] | tuple[str, ...]) -> None:
        self.errors.append(CompositionError(code, message, tuple(subgraphs)))

    def is_subtype(self, sub: str, sup: str) -> bool:
        seen: set[str] = set()
        stack = [sub]
        while stack:
            current = stack.pop()
            for parent in self.supertypes.get(current, ()):
                if parent == sup:
                    return True
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return False

    def sources(self, type_name: str) -> list[tuple[Subgraph, TypeDef]]:
        return [(sg, sg.types[type_name]) for sg in self.subgraphs if type_name in sg.types]

    def graph(self, subgraph: Subgraph | str) -> str:
        name = subgraph if isinstance(subgraph, str) else subgraph.name
        return self.graph_names[name]
