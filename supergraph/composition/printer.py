"""Print the merged `Supergraph` as Apollo-format supergraph SDL (join v0.5, link v1.0).

Order: schema definition, spec directives, spec types, `join__Graph`, then root types
(Query, Mutation, Subscription) and every other type sorted by name. Types carry their
`@join__*` directives one per line, fields and enum values on one line.
"""

from __future__ import annotations

from graphql.language import print_ast
from graphql.language.block_string import print_block_string
from graphql.language.print_string import print_string

from supergraph.composition import specs
from supergraph.composition.merged import JoinField, JoinType, MergedField, MergedType, Security, Supergraph
from supergraph.composition.model import Kind, ListSize
from supergraph.composition.subgraph import DEFAULT_DEPRECATION
from supergraph.spec.types import show

ROOTS = ("Query", "Mutation", "Subscription")
_KEYWORD = {
    Kind.OBJECT: "type", Kind.INTERFACE: "interface", Kind.UNION: "union",
    Kind.ENUM: "enum", Kind.INPUT: "input", Kind.SCALAR: "scalar",
}


def _description(text: str | None, indent: str = "") -> list[str]:
    if not text:
        return []
    block = print_block_string(text)
    return [indent + line if line else line for line in block.split("\n")]


def _args(pairs: list[tuple[str, str | None]]) -> str:
    return ", ".join(f"{name}: {value}" for name, value in pairs if value is not None)


def _join_type(join: JoinType) -> str:
    return "@join__type(" + _args([
        ("graph", join.graph),
        ("key", print_string(join.key) if join.key is not None else None),
        ("extension", "true" if join.extension else None),
        ("resolvable", "false" if not join.resolvable else None),
        ("isInterfaceObject", "true" if join.interface_object else None),
    ]) + ")"


def _join_field(join: JoinField) -> str:
    def quoted(value: str | None) -> str | None:
        return print_string(value) if value is not None else None

    return "@join__field(" + _args([
        ("graph", join.graph),
        ("requires", quoted(join.requires)),
        ("provides", quoted(join.provides)),
        ("type", quoted(join.type)),
        ("external", "true" if join.external else None),
        ("override", quoted(join.override)),
        ("usedOverridden", "true" if join.used_overridden else None),
        ("overrideLabel", quoted(join.override_label)),
    ]) + ")"


def _security(security: Security, deprecation: str | None = None) -> list[str]:
    out = []
    if deprecation is not None:
        out.append("@deprecated" if deprecation == DEFAULT_DEPRECATION
                   else f"@deprecated(reason: {print_string(deprecation)})")
    if security.inaccessible:
        out.append("@inaccessible")
    if security.authenticated:
        out.append("@authenticated")
    if security.scopes:
        groups = ", ".join("[" + ", ".join(print_string(s) for s in group) + "]" for group in security.scopes)
        out.append(f"@requiresScopes(scopes: [{groups}])")
    if security.cost is not None:
        out.append(f"@cost(weight: {security.cost})")
    if security.list_size is not None:
        out.append(_list_size(security.list_size))
    return out


def _list_size(size: ListSize) -> str:
    def strings(values: tuple[str, ...]) -> str | None:
        return "[" + ", ".join(print_string(v) for v in values) + "]" if values else None

    return "@listSize(" + _args([
        ("assumedSize", str(size.assumed_size) if size.assumed_size is not None else None),
        ("slicingArguments", strings(size.slicing_arguments)),
        ("sizedFields", strings(size.sized_fields)),
        ("requireOneSlicingArgument", "false" if not size.require_one_slicing_argument else None),
    ]) + ")"


def _field_args(fld: MergedField) -> str:
    if not fld.args:
        return ""
    parts = []
    multiline = any(arg.description for arg in fld.args.values())
    for arg in fld.args.values():
        text = f"{arg.name}: {show(arg.type)}"
        if arg.default is not None:
            text += f" = {print_ast(arg.default)}"
        text = " ".join([text, *_security(arg.security, arg.deprecation)])
        parts.append("\n".join([*_description(arg.description, "    "), "    " + text]) if multiline else text)
    if multiline:
        return "(\n" + "\n".join(parts) + "\n  )"
    return "(" + ", ".join(parts) + ")"


def _field(fld: MergedField) -> list[str]:
    text = f"  {fld.name}{_field_args(fld)}: {show(fld.type)}"
    if fld.default is not None:
        text += f" = {print_ast(fld.default)}"
    directives = [_join_field(j) for j in fld.join or ()] + _security(fld.security, fld.deprecation)
    return [*_description(fld.description, "  "), " ".join([text, *directives])]


def _header(merged: MergedType) -> str:
    head = f"{_KEYWORD[merged.kind]} {merged.name}"
    if merged.interfaces:
        head += " implements " + " & ".join(merged.interfaces)
    return head


def _type_directives(merged: MergedType) -> list[str]:
    lines = [_join_type(j) for j in merged.join_types]
    lines += [f'@join__implements(graph: {g}, interface: {print_string(i)})' for g, i in merged.implements]
    lines += [f'@join__unionMember(graph: {g}, member: {print_string(m)})' for g, m in merged.members]
    lines += _security(merged.security)
    return ["  " + line for line in lines]


def print_type(merged: MergedType) -> str:
    lines = [*_description(merged.description), _header(merged), *_type_directives(merged)]
    if merged.kind == Kind.SCALAR:
        return "\n".join(lines)
    if merged.kind == Kind.UNION:
        return "\n".join([*lines, " = " + " | ".join(merged.member_names)])
    lines.append("{")
    if merged.kind == Kind.ENUM:
        for value in merged.values.values():
            directives = [f"@join__enumValue(graph: {g})" for g in value.graphs]
            directives += _security(value.security, value.deprecation)
            lines += [*_description(value.description, "  "), " ".join([f"  {value.name}", *directives])]
    else:
        for fld in merged.fields.values():
            lines += _field(fld)
    lines.append("}")
    return "\n".join(lines)


def _schema_block(supergraph: Supergraph) -> str:
    links = [f'@link(url: "{specs.LINK_URL}")', f'@link(url: "{specs.JOIN_URL}", for: EXECUTION)']
    if supergraph.uses("inaccessible"):
        links.append(f'@link(url: "{specs.INACCESSIBLE_URL}", for: SECURITY)')
    if supergraph.uses("scopes"):
        links.append(f'@link(url: "{specs.REQUIRES_SCOPES_URL}", for: SECURITY)')
    if supergraph.uses("authenticated"):
        links.append(f'@link(url: "{specs.AUTHENTICATED_URL}", for: SECURITY)')
    if _uses_cost(supergraph):
        links.append(f'@link(url: "{specs.COST_URL}", import: ["@cost", "@listSize"])')
    roots = [f"  {root.lower()}: {root}" for root in ROOTS if root in supergraph.types]
    return "\n".join(["schema", *("  " + link for link in links), "{", *roots, "}"])


def _uses_cost(supergraph: Supergraph) -> bool:
    return supergraph.uses("cost") or supergraph.uses("list_size")


def _spec_sections(supergraph: Supergraph) -> list[str]:
    sections = [specs.CORE_DIRECTIVES]
    if supergraph.uses("inaccessible"):
        sections.append(specs.INACCESSIBLE_DIRECTIVE)
    if supergraph.uses("scopes"):
        sections.append(specs.REQUIRES_SCOPES_DIRECTIVE)
    if supergraph.uses("authenticated"):
        sections.append(specs.AUTHENTICATED_DIRECTIVE)
    if _uses_cost(supergraph):
        sections += [specs.COST_DIRECTIVE, specs.LIST_SIZE_DIRECTIVE]
    graph_enum = ["enum join__Graph {"]
    graph_enum += [f"  {g.enum_name} @join__graph(name: {print_string(g.name)}, url: {print_string(g.url)})"
                   for g in supergraph.graphs]
    graph_enum.append("}")
    sections += [specs.JOIN_TYPES_BEFORE_GRAPH, "\n".join(graph_enum), specs.LINK_TYPES]
    if supergraph.uses("scopes"):
        sections.append(specs.REQUIRES_SCOPES_TYPES)
    return sections


def print_supergraph(supergraph: Supergraph) -> str:
    roots = [supergraph.types[name] for name in ROOTS if name in supergraph.types]
    others = [t for name, t in sorted(supergraph.types.items()) if name not in ROOTS]
    sections = [_schema_block(supergraph), *_spec_sections(supergraph), *(print_type(t) for t in roots + others)]
    return "\n\n".join(sections) + "\n"
