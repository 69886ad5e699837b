"""Parse one subgraph SDL into the normalized `Subgraph` model.

Strips what federation libraries add to `_service { sdl }` (`_Service`, `_Entity`, `_Any`,
`_entities`/`_service`, `FieldSet`, `link__*`/`federation__*` definitions, directive
definitions), folds type extensions into their definitions and renames the root operation
types to `Query`/`Mutation`/`Subscription`.
"""

from __future__ import annotations

from graphql import (
    ConstDirectiveNode,
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    FieldDefinitionNode,
    GraphQLError,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    NamedTypeNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    parse,
    value_from_ast_untyped,
)
from graphql.language import ListTypeNode, NameNode, NonNullTypeNode, TypeNode

from supergraph.composition.model import (
    ArgDef,
    CompositionError,
    EnumValueDef,
    FieldDef,
    Key,
    Kind,
    ListSize,
    Subgraph,
    TypeDef,
)
from supergraph.spec.links import LinkResolution, federation_names
from supergraph.spec.types import named

BUILTIN_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})
FEDERATION_TYPES = frozenset({"_Service", "_Entity", "_Any", "_FieldSet", "FieldSet", "link__Import", "link__Purpose"})
ROOT_NAMES = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}
DEFAULT_DEPRECATION = "No longer supported"

_KINDS: dict[type, Kind] = {
    ObjectTypeDefinitionNode: Kind.OBJECT, ObjectTypeExtensionNode: Kind.OBJECT,
    InterfaceTypeDefinitionNode: Kind.INTERFACE, InterfaceTypeExtensionNode: Kind.INTERFACE,
    UnionTypeDefinitionNode: Kind.UNION, UnionTypeExtensionNode: Kind.UNION,
    EnumTypeDefinitionNode: Kind.ENUM, EnumTypeExtensionNode: Kind.ENUM,
    InputObjectTypeDefinitionNode: Kind.INPUT, InputObjectTypeExtensionNode: Kind.INPUT,
    ScalarTypeDefinitionNode: Kind.SCALAR, ScalarTypeExtensionNode: Kind.SCALAR,
}


class SubgraphParseError(Exception):
    def __init__(self, error: CompositionError) -> None:
        super().__init__(error.message)
        self.error = error


def _is_federation_type(name: str, links: LinkResolution) -> bool:
    if name in FEDERATION_TYPES or name in BUILTIN_SCALARS:
        return True
    return any(name.startswith(f"{prefix}__") for prefix in links.foreign_prefixes | {"federation", "link", "join"})


class _Reader:
    """Reads directive applications under their canonical federation names."""

    def __init__(self, links: LinkResolution, renames: dict[str, str]) -> None:
        self.links = links
        self.renames = renames

    def directives(self, nodes: tuple[ConstDirectiveNode, ...] | None) -> list[tuple[str, dict]]:
        found = []
        for node in nodes or ():
            name = node.name.value
            canonical = "deprecated" if name == "deprecated" else self.links.canonical(name)
            if canonical is None:
                continue
            args = {a.name.value: value_from_ast_untyped(a.value) for a in node.arguments or ()}
            found.append((canonical, args))
        return found

    def type_ref(self, node: TypeNode) -> TypeNode:
        if isinstance(node, NonNullTypeNode):
            return NonNullTypeNode(type=self._nullable_ref(node.type))
        return self._nullable_ref(node)

    def _nullable_ref(self, node: TypeNode) -> NamedTypeNode | ListTypeNode:
        if isinstance(node, ListTypeNode):
            return ListTypeNode(type=self.type_ref(node.type))
        name = named(node)
        return NamedTypeNode(name=NameNode(value=self.renames.get(name, name)))


def _description(node) -> str | None:
    return node.description.value if getattr(node, "description", None) else None


def _apply_common(target, directives: list[tuple[str, dict]]) -> None:
    for name, args in directives:
        if name == "inaccessible":
            target.inaccessible = True
        elif name == "authenticated" and hasattr(target, "authenticated"):
            target.authenticated = True
        elif name == "requiresScopes" and hasattr(target, "scopes"):
            for group in args.get("scopes") or []:
                scopes = [str(s) for s in group]
                if scopes not in target.scopes:
                    target.scopes.append(scopes)
        elif name == "deprecated" and hasattr(target, "deprecation"):
            target.deprecation = args.get("reason") or DEFAULT_DEPRECATION
        elif name == "cost" and hasattr(target, "cost") and isinstance(args.get("weight"), int):
            target.cost = args["weight"]
        elif name == "listSize" and hasattr(target, "list_size"):
            target.list_size = _list_size(args)


def _list_size(args: dict) -> ListSize:
    assumed = args.get("assumedSize")
    return ListSize(assumed if isinstance(assumed, int) else None,
                    tuple(str(a) for a in args.get("slicingArguments") or ()),
                    tuple(str(f) for f in args.get("sizedFields") or ()),
                    args.get("requireOneSlicingArgument", True) is not False)


def _arg(reader: _Reader, node: InputValueDefinitionNode) -> ArgDef:
    arg = ArgDef(node.name.value, reader.type_ref(node.type), node.default_value, _description(node))
    _apply_common(arg, reader.directives(node.directives))
    return arg


def _field(reader: _Reader, node: FieldDefinitionNode, shareable: bool) -> FieldDef:
    field = FieldDef(node.name.value, reader.type_ref(node.type), description=_description(node))
    field.args = {a.name.value: _arg(reader, a) for a in node.arguments or ()}
    field.shareable = shareable
    directives = reader.directives(node.directives)
    _apply_common(field, directives)
    for name, args in directives:
        if name == "shareable":
            field.shareable = True
        elif name == "external":
            field.external = True
        elif name in ("requires", "provides"):
            setattr(field, name, str(args.get("fields", "")))
        elif name == "override":
            field.override = str(args.get("from", ""))
            field.override_label = args.get("label")
    return field


def _input_field(reader: _Reader, node: InputValueDefinitionNode) -> FieldDef:
    field = FieldDef(node.name.value, reader.type_ref(node.type), description=_description(node))
    field.default = node.default_value
    _apply_common(field, reader.directives(node.directives))
    return field


def _merge_node(reader: _Reader, typedef: TypeDef, node, fed2: bool) -> None:
    is_extension = isinstance(node, TypeExtensionNode)
    directives = reader.directives(node.directives)
    _apply_common(typedef, directives)
    extends = is_extension or any(name == "extends" for name, _ in directives)
    shareable = not fed2 or any(name == "shareable" for name, _ in directives)
    typedef.shareable = typedef.shareable or any(name == "shareable" for name, _ in directives)
    for name, args in directives:
        if name == "key":
            resolvable = args.get("resolvable", True) is not False
            typedef.keys.append(Key(str(args.get("fields", "")), resolvable, extends))
        elif name == "interfaceObject":
            typedef.interface_object = True
    if extends:
        typedef.extension = True
    if typedef.description is None:
        typedef.description = _description(node)
    if typedef.kind in (Kind.OBJECT, Kind.INTERFACE):
        for iface in node.interfaces or ():
            if iface.name.value not in typedef.interfaces:
                typedef.interfaces.append(iface.name.value)
        for fnode in node.fields or ():
            typedef.fields[fnode.name.value] = _field(reader, fnode, shareable)
    elif typedef.kind == Kind.INPUT:
        for fnode in node.fields or ():
            typedef.fields[fnode.name.value] = _input_field(reader, fnode)
    elif typedef.kind == Kind.UNION:
        for member in node.types or ():
            if member.name.value not in typedef.members:
                typedef.members.append(member.name.value)
    elif typedef.kind == Kind.ENUM:
        for vnode in node.values or ():
            value = EnumValueDef(vnode.name.value, _description(vnode))
            _apply_common(value, reader.directives(vnode.directives))
            typedef.values[value.name] = value


def _root_renames(document: DocumentNode) -> dict[str, str]:
    renames: dict[str, str] = {}
    for node in document.definitions:
        if isinstance(node, SchemaDefinitionNode | SchemaExtensionNode):
            for op in node.operation_types or ():
                renames[op.type.name.value] = ROOT_NAMES[op.operation.value]
    return {old: new for old, new in renames.items() if old != new}


def _unfake_fed1_external_keys(typedef: TypeDef) -> None:
    """Fed 1: `extend type T @key(fields: "id") { id: ID! @external }` owns nothing external."""
    key_fields = {name for key in typedef.keys for name in key.fields.replace("{", " ").replace("}", " ").split()}
    for field in typedef.fields.values():
        if field.external and field.name in key_fields and typedef.extension:
            field.external = False


def _parse_document(name: str, sdl: str) -> DocumentNode:
    try:
        return parse(sdl, no_location=False)
    except GraphQLError as error:
        raise SubgraphParseError(
            CompositionError("INVALID_GRAPHQL", f'[{name}] Invalid subgraph SDL: {error.message}', (name,))
        ) from error


def parse_subgraph(name: str, url: str, sdl: str) -> Subgraph:
    """Raise `SubgraphParseError` (code INVALID_GRAPHQL) when the SDL does not parse."""
    document = _parse_document(name, sdl)
    links = federation_names(document)
    reader = _Reader(links, _root_renames(document))
    subgraph = Subgraph(name=name, url=url, fed2=links.fed2)
    for node in document.definitions:
        if isinstance(node, DirectiveDefinitionNode | SchemaDefinitionNode | SchemaExtensionNode):
            continue
        if not isinstance(node, TypeDefinitionNode | TypeExtensionNode):
            continue
        type_name = reader.renames.get(node.name.value, node.name.value)
        if _is_federation_type(type_name, links):
            continue
        kind = _KINDS[type(node)]
        typedef = subgraph.types.get(type_name)
        if typedef is None:
            typedef = subgraph.types[type_name] = TypeDef(type_name, kind)
        elif typedef.kind != kind:
            raise SubgraphParseError(
                CompositionError("INVALID_GRAPHQL",
                                 f'[{name}] Type "{type_name}" is defined as both {typedef.kind} and {kind}', (name,))
            )
        _merge_node(reader, typedef, node, links.fed2)
    for typedef in subgraph.types.values():
        if not links.fed2:
            _unfake_fed1_external_keys(typedef)
    _strip_federation_root_fields(subgraph)
    return subgraph


def _strip_federation_root_fields(subgraph: Subgraph) -> None:
    query = subgraph.types.get("Query")
    if query is None:
        return
    query.fields.pop("_entities", None)
    query.fields.pop("_service", None)
    if not query.fields:
        del subgraph.types["Query"]
