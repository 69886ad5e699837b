"""Demand control: the estimated cost of an operation, before anything is fetched.

Follows the IBM GraphQL cost specification as Apollo's and Hive's routers apply it:

* a field returning an object, interface or union costs 1, a scalar or enum 0, a root
  mutation field 10 - unless ``@cost(weight:)`` is set on the field or on its type;
* a list field multiplies its (weight + children) by its size: the largest slicing argument
  of ``@listSize(slicingArguments:)`` that is set, else ``@listSize(assumedSize:)``; with
  ``@listSize(sizedFields:)`` the size applies to those child fields instead (connections);
* a list field without ``@listSize`` takes its size from an integer argument named in
  ``LimitsConfig.slicing_arguments`` (``first``/``last``/``limit``, value or default), else
  ``LimitsConfig.default_list_size``;
* ``@skip``/``@include`` are ignored (an upper bound). Fragments are costed once each.

``@cost``/``@listSize`` are read from the supergraph SDL under the names the schema links
them as (``https://specs.apollo.dev/cost/v0.1`` imports, ``federation__cost``). Our composer
carries the subgraphs' directives into the supergraph that way (``supergraph.composition``),
so the subgraphs declare them next to their fields (``subgraphs.shared.schema.list_size``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_composite_type,
    parse,
    value_from_ast_untyped,
)

MUTATION_WEIGHT = 10


@dataclass(frozen=True)
class ListSize:
    assumed_size: int | None = None
    slicing_arguments: tuple[str, ...] = ()
    sized_fields: tuple[str, ...] = ()


@dataclass
class CostDirectives:
    """``@cost`` weights by type / (type, field) and ``@listSize`` by (type, field)."""

    type_weights: dict[str, float] = field(default_factory=dict)
    field_weights: dict[tuple[str, str], float] = field(default_factory=dict)
    list_sizes: dict[tuple[str, str], ListSize] = field(default_factory=dict)

    @classmethod
    def from_sdl(cls, sdl: str) -> "CostDirectives":
        out = cls()
        document = parse(sdl, no_location=True)
        for definition in document.definitions:
            type_name = getattr(getattr(definition, "name", None), "value", None)
            if type_name is None:
                continue
            for directive in getattr(definition, "directives", None) or ():
                if _local(directive.name.value) == "cost":
                    out.type_weights[type_name] = float(_args(directive).get("weight", 0))
            for fdef in getattr(definition, "fields", None) or ():
                out._read_field(type_name, fdef)
        return out

    def declared(self) -> bool:
        """Whether the supergraph declares any ``@cost`` / ``@listSize`` at all."""
        return bool(self.type_weights or self.field_weights or self.list_sizes)

    def _read_field(self, type_name: str, fdef: Any) -> None:
        for directive in fdef.directives or ():
            name, args = _local(directive.name.value), _args(directive)
            key = (type_name, fdef.name.value)
            if name == "cost":
                self.field_weights[key] = float(args.get("weight", 0))
            elif name == "listSize":
                self.list_sizes[key] = ListSize(
                    args.get("assumedSize"), tuple(args.get("slicingArguments") or ()),
                    tuple(args.get("sizedFields") or ()))


def _local(name: str) -> str:
    """``cost``, ``federation__cost``, ``cost__cost`` -> ``cost``; same for listSize."""
    return name.rsplit("__", 1)[-1]


def _args(directive: Any) -> dict[str, Any]:
    return {a.name.value: value_from_ast_untyped(a.value) for a in directive.arguments or ()}


def _is_list(gql_type: Any) -> bool:
    if isinstance(gql_type, GraphQLNonNull):
        gql_type = gql_type.of_type
    return isinstance(gql_type, GraphQLList)


class CostEstimator:
    def __init__(self, schema: GraphQLSchema, directives: CostDirectives, *,
                 default_list_size: int, slicing_arguments: tuple[str, ...]) -> None:
        self.schema = schema
        self.directives = directives
        self.default_list_size = default_list_size
        self.slicing_arguments = slicing_arguments

    def estimate(self, document: DocumentNode, operation: OperationDefinitionNode,
                 variables: Mapping[str, Any]) -> float:
        return self.estimate_reads(document, operation, variables)[0]

    def estimate_reads(self, document: DocumentNode, operation: OperationDefinitionNode,
                       variables: Mapping[str, Any]) -> tuple[float, frozenset[str]]:
        """The estimate and the variables it read (the same names whatever their values:
        the estimate of this operation is a function of those variables' values alone)."""
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return 0.0, frozenset()
        walk = _Walk(self, document, variables, operation.operation.value == "mutation")
        cost = walk.selection_set(root.name, operation.selection_set, None, root=True)
        return cost, frozenset(walk.read)


class _Walk:
    def __init__(self, estimator: CostEstimator, document: DocumentNode,
                 variables: Mapping[str, Any], mutation: bool) -> None:
        self.e = estimator
        self.variables = variables
        self.mutation = mutation
        self.fragments = {d.name.value: d for d in document.definitions
                          if isinstance(d, FragmentDefinitionNode)}
        self.memo: dict[str, float] = {}
        self.read: set[str] = set()  # variables referenced by the arguments read

    def selection_set(self, type_name: str, node: SelectionSetNode | None,
                      sized: tuple[tuple[str, ...], int] | None, root: bool = False) -> float:
        total = 0.0
        for selection in node.selections if node else ():
            if isinstance(selection, FieldNode):
                total += self.field(type_name, selection, sized, root)
            elif isinstance(selection, InlineFragmentNode):
                cond = selection.type_condition.name.value if selection.type_condition else type_name
                total += self.selection_set(cond, selection.selection_set, sized, root)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value, sized, root)
        return total

    def fragment(self, name: str, sized: Any, root: bool) -> float:
        definition = self.fragments.get(name)
        if definition is None:
            return 0.0
        if sized or root:  # context-dependent: not memoized
            return self.selection_set(definition.type_condition.name.value, definition.selection_set, sized, root)
        if name not in self.memo:
            self.memo[name] = self.selection_set(definition.type_condition.name.value,
                                                 definition.selection_set, None)
        return self.memo[name]

    def field(self, type_name: str, node: FieldNode, sized: Any, root: bool) -> float:
        parent = self.e.schema.get_type(type_name)
        fdef: GraphQLField | None = getattr(parent, "fields", {}).get(node.name.value)
        if fdef is None:
            return 0.0  # __typename, introspection, or invalid (validation reports it)
        named = get_named_type(fdef.type)
        key = (type_name, node.name.value)
        weight = self._weight(key, named, root)
        list_size = self.e.directives.list_sizes.get(key)
        size = self._size(fdef, node, list_size)
        child_sized = (list_size.sized_fields, size) if list_size and list_size.sized_fields else None
        children = self.selection_set(named.name, node.selection_set, child_sized)
        if sized and node.name.value in sized[0]:
            return sized[1] * (weight + children)
        if _is_list(fdef.type) and not child_sized:
            return size * (weight + children)
        return weight + children

    def _weight(self, key: tuple[str, str], named: Any, root: bool) -> float:
        d = self.e.directives
        if key in d.field_weights:
            return d.field_weights[key]
        if root and self.mutation:
            return MUTATION_WEIGHT
        if named.name in d.type_weights:
            return d.type_weights[named.name]
        return 1.0 if is_composite_type(named) else 0.0

    def _size(self, fdef: GraphQLField, node: FieldNode, list_size: ListSize | None) -> int:
        names = list_size.slicing_arguments if list_size else self.e.slicing_arguments
        values = [v for v in (self._argument(fdef, node, n) for n in names) if isinstance(v, int)]
        if values:
            return max(0, max(values))
        if list_size and list_size.assumed_size is not None:
            return int(list_size.assumed_size)
        return self.e.default_list_size

    def _argument(self, fdef: GraphQLField, node: FieldNode, name: str) -> Any:
        for argument in node.arguments or ():
            if argument.name.value == name:
                _variable_names(argument.value, self.read)
                return value_from_ast_untyped(
                    argument.value, self.variables)  # type: ignore[arg-type]  # annotated dict, reads only .get
        arg = fdef.args.get(name)
        return _default(arg) if arg is not None else None


def _variable_names(value: Any, out: set[str]) -> None:
    """Names of the variables in a value literal (also inside lists and objects)."""
    if isinstance(value, VariableNode):
        out.add(value.name.value)
    elif isinstance(value, ListValueNode):
        for item in value.values:
            _variable_names(item, out)
    elif isinstance(value, ObjectValueNode):
        for field_node in value.fields:
            _variable_names(field_node.value, out)


def _default(arg: Any) -> Any:
    """An argument's default value (graphql-core 3.2 ``default_value``; 3.3 ``default`` value/literal)."""
    value = getattr(arg, "default_value", None)
    if isinstance(value, int):
        return value
    default = getattr(arg, "default", None)
    if default is None:
        return None
    value = getattr(default, "value", None)
    if isinstance(value, int):
        return value
    literal = getattr(default, "literal", None)
    return value_from_ast_untyped(literal) if literal is not None else None
