"""Plain data shared by the composition stages.

Public result types (`SubgraphSpec`, `CompositionError`, `CompositionResult`) plus the
internal, normalized view of one subgraph (`Subgraph` -> `TypeDef` -> `FieldDef`) that the
merge and validation stages read. Directive names in the internal model are canonical
federation names (`key`, `shareable`, ...), whatever the subgraph imported them as.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from graphql import TypeNode, ValueNode


@dataclass(frozen=True)
class SubgraphSpec:
    name: str
    url: str
    sdl: str


@dataclass(frozen=True)
class CompositionError:
    code: str
    message: str
    subgraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompositionResult:
    supergraph_sdl: str | None
    errors: tuple[CompositionError, ...] = ()

    @property
    def ok(self) -> bool:
        return self.supergraph_sdl is not None and not self.errors


class Kind(StrEnum):
    OBJECT = "object"
    INTERFACE = "interface"
    UNION = "union"
    ENUM = "enum"
    INPUT = "input object"
    SCALAR = "scalar"


@dataclass(frozen=True)
class ListSize:
    """``@listSize`` of the cost spec (demand control), merged across subgraphs like Apollo:
    the largest ``assumedSize``, the union of slicing arguments / sized fields, and
    ``requireOneSlicingArgument`` only when every subgraph requires it."""

    assumed_size: int | None = None
    slicing_arguments: tuple[str, ...] = ()
    sized_fields: tuple[str, ...] = ()
    require_one_slicing_argument: bool = True

    def merge(self, other: "ListSize") -> "ListSize":
        sizes = [s for s in (self.assumed_size, other.assumed_size) if s is not None]
        return ListSize(max(sizes) if sizes else None,
                        tuple(dict.fromkeys(self.slicing_arguments + other.slicing_arguments)),
                        tuple(dict.fromkeys(self.sized_fields + other.sized_fields)),
                        self.require_one_slicing_argument and other.require_one_slicing_argument)


@dataclass
class ArgDef:
    name: str
    type: TypeNode
    default: ValueNode | None = None
    description: str | None = None
    inaccessible: bool = False
    deprecation: str | None = None
    cost: int | None = None


@dataclass
class FieldDef:
    name: str
    type: TypeNode
    args: dict[str, ArgDef] = field(default_factory=dict)
    description: str | None = None
    default: ValueNode | None = None  # input fields only
    deprecation: str | None = None
    shareable: bool = False
    external: bool = False
    requires: str | None = None
    provides: str | None = None
    override: str | None = None
    override_label: str | None = None
    inaccessible: bool = False
    authenticated: bool = False
    scopes: list[list[str]] = field(default_factory=list)
    cost: int | None = None
    list_size: ListSize | None = None


@dataclass(frozen=True)
class Key:
    fields: str
    resolvable: bool = True
    extension: bool = False


@dataclass
class EnumValueDef:
    name: str
    description: str | None = None
    deprecation: str | None = None
    inaccessible: bool = False


@dataclass
class TypeDef:
    name: str
    kind: Kind
    description: str | None = None
    fields: dict[str, FieldDef] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    values: dict[str, EnumValueDef] = field(default_factory=dict)
    keys: list[Key] = field(default_factory=list)
    extension: bool = False
    shareable: bool = False
    inaccessible: bool = False
    authenticated: bool = False
    scopes: list[list[str]] = field(default_factory=list)
    cost: int | None = None
    interface_object: bool = False

    @property
    def is_entity(self) -> bool:
        return bool(self.keys)


@dataclass
class Subgraph:
    name: str
    url: str
    types: dict[str, TypeDef] = field(default_factory=dict)
    fed2: bool = True

    @property
    def graph_enum(self) -> str:
        return graph_enum_name(self.name)


def graph_enum_name(name: str) -> str:
    """`chronic-care` -> `CHRONIC_CARE`: upper case, non-alphanumerics to `_`."""
    out = "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in name.upper())
    if not out or out[0].isdigit():
        out = "_" + out
    return out
