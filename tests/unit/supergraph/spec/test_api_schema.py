"""One API schema: the manifest's (printed, sorted) and the router's (graphql-core schema) are
the same schema, without join__/link__ machinery and without @inaccessible elements."""

from pathlib import Path

import pytest
from graphql import (
    EnumTypeDefinitionNode,
    GraphQLSchema,
    build_schema,
    is_enum_type,
    is_input_object_type,
    is_interface_type,
    is_object_type,
    lexicographic_sort_schema,
    parse,
    print_schema,
)

from supergraph.composition import compose
from supergraph.planning.supergraph import Supergraph
from supergraph.spec.api_schema import api_schema_sdl
from tests.unit.supergraph.composition.fixtures import SCENARIOS
from tests.unit.supergraph.composition.test_api_schema import APOLLO_JOIN_V03_SUPERGRAPH

ROOT = Path(__file__).resolve().parents[4]
SCHEMA_SDL = (ROOT / "schema.graphql").read_text()
SUPERGRAPHS = {
    "schema.graphql": lambda: SCHEMA_SDL,
    "security scenario": lambda: compose(SCENARIOS["security"]).supergraph_sdl,
    "apollo join v0.3": lambda: APOLLO_JOIN_V03_SUPERGRAPH,
}


def _manifest_schema(sdl: str) -> GraphQLSchema:
    """What ``pawgraph persisted build`` validates the client operations against."""
    return build_schema(api_schema_sdl(sdl))


def _printed(schema: GraphQLSchema) -> str:
    return print_schema(lexicographic_sort_schema(schema))


def _inaccessible_elements(sdl: str) -> set[str]:
    """``Type``, ``Type.field``, ``Type.field(arg)`` and ``Enum.VALUE`` marked @inaccessible."""
    def marked(node) -> bool:
        return any(d.name.value == "inaccessible" for d in node.directives or ())

    found = set()
    for node in parse(sdl).definitions:
        name = getattr(getattr(node, "name", None), "value", None)
        if name is None:
            continue
        if marked(node):
            found.add(name)
        children = (node.values or ()) if isinstance(node, EnumTypeDefinitionNode) else getattr(node, "fields", None) or ()
        for child in children:
            if marked(child):
                found.add(f"{name}.{child.name.value}")
            for arg in getattr(child, "arguments", None) or ():
                if marked(arg):
                    found.add(f"{name}.{child.name.value}({arg.name.value})")
    return found


def _elements(schema: GraphQLSchema) -> set[str]:
    found = set()
    for name, type_ in schema.type_map.items():
        found.add(name)
        if is_enum_type(type_):
            found.update(f"{name}.{value}" for value in type_.values)
        elif is_object_type(type_) or is_interface_type(type_) or is_input_object_type(type_):
            for field_name, field in type_.fields.items():
                found.add(f"{name}.{field_name}")
                found.update(f"{name}.{field_name}({arg})" for arg in getattr(field, "args", None) or {})
    return found


def test_manifest_and_router_api_schemas_of_schema_graphql_print_identically():
    router = Supergraph.from_sdl(SCHEMA_SDL).api_schema

    assert _printed(router) == _printed(_manifest_schema(SCHEMA_SDL))
    assert _printed(router) + "\n" == api_schema_sdl(SCHEMA_SDL)


@pytest.mark.parametrize("name", sorted(SUPERGRAPHS))
def test_api_schema_has_no_join_link_or_inaccessible_elements(name):
    sdl = SUPERGRAPHS[name]()
    hidden = _inaccessible_elements(sdl)
    if name != "schema.graphql":
        assert hidden, "the scenario should exercise @inaccessible"

    for schema in (Supergraph.from_sdl(sdl).api_schema, _manifest_schema(sdl)):
        printed = _printed(schema)
        for leftover in ("join__", "link__", "@link", "@inaccessible", "@join__"):
            assert leftover not in printed
        assert not any(d.name.startswith(("join__", "link__")) or d.name in ("link", "inaccessible")
                       for d in schema.directives)
        assert not hidden & _elements(schema)
    assert _printed(Supergraph.from_sdl(sdl).api_schema) == _printed(_manifest_schema(sdl))


def test_the_router_plans_with_the_inaccessible_elements():
    sdl = SUPERGRAPHS["security scenario"]()

    planning = Supergraph.from_sdl(sdl).planning_schema

    assert _inaccessible_elements(sdl) <= _elements(planning)
    assert not any(name.startswith(("join__", "link__")) for name in planning.type_map)
