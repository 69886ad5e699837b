"""Plan shapes: dependency-ordered branches, @skip/@include before planning, aliases that
take a key field's name, @interfaceObject, progressive override, @inaccessible keys."""

from pathlib import Path

from graphql import parse

from supergraph.planning.plan import fetches, print_plan
from supergraph.planning.planner import build_plan
from supergraph.planning.supergraph import Supergraph
from tests.support.conformance.features import directives, interface_object
from tests.support.conformance.harness import supergraph_of
from tests.support.snapshots import assert_snapshot
from tests.unit.supergraph.fixtures import supergraph_v05

SNAPSHOTS = Path(__file__).parent / "snapshots"

UNEVEN_BRANCHES = "{ me { reviews { product { name shippingEstimate } } } topProducts { inStock } }"
CONDITIONAL_FIELD = "query Q($s: Boolean!) { topProducts { name inStock @include(if: $s) } }"
ALIAS_TAKES_KEY_NAME = "{ topProducts { upc: name inStock } }"
INTERFACE_OBJECT_ROOT = "{ topRated { __typename rating ... on Book { author } } }"
INTERFACE_OBJECT_FIELD = "{ allMedia { id rating } }"
PROGRESSIVE = "{ products { discount tax } }"
INACCESSIBLE_KEY = "{ products { margin } }"


def _plan(query: str, variables=None, graph=None, labels=frozenset()):
    return build_plan(graph or supergraph_v05(), parse(query), None, variables, labels=labels)


def test_uneven_branches_are_sequences_in_parallel():
    plan = _plan(UNEVEN_BRANCHES)
    assert_snapshot(SNAPSHOTS / "shape_uneven_branches.txt", print_plan(plan))
    assert type(plan.node).__name__ == "Parallel"


def test_excluded_field_sends_no_fetch_for_its_subgraph():
    assert [f.subgraph for f in fetches(_plan(CONDITIONAL_FIELD, {"s": False}).node)] == ["products"]


def test_included_field_loses_its_condition_in_the_subgraph_operation():
    plan = _plan(CONDITIONAL_FIELD, {"s": True})
    assert [f.subgraph for f in fetches(plan.node)] == ["products", "inventory"]
    assert "@include" not in print_plan(plan)


def test_alias_taking_a_key_fields_name_gets_the_key_under_an_internal_alias():
    plan = _plan(ALIAS_TAKES_KEY_NAME)
    assert_snapshot(SNAPSHOTS / "shape_alias_takes_key_name.txt", print_plan(plan))
    entity = fetches(plan.node)[1]
    assert [(f.name, f.key) for f in entity.requires.fields] == [("__typename", None), ("upc", "_pg_upc")]


def _interface_object_graph() -> Supergraph:
    return Supergraph.from_sdl(interface_object.SUPERGRAPH)


def test_interface_object_representations_carry_the_interface_name():
    plan = _plan(INTERFACE_OBJECT_FIELD, graph=_interface_object_graph())
    assert_snapshot(SNAPSHOTS / "shape_interface_object_field.txt", print_plan(plan))
    assert fetches(plan.node)[1].requires.typename_rewrite == "Media"


def test_interface_object_typename_and_fragments_come_from_the_home_subgraph():
    plan = _plan(INTERFACE_OBJECT_ROOT, graph=_interface_object_graph())
    assert_snapshot(SNAPSHOTS / "shape_interface_object_root.txt", print_plan(plan))
    assert [f.subgraph for f in fetches(plan.node)] == ["reviews", "media"]


def test_progressive_override_follows_the_active_labels():
    graph = Supergraph.from_sdl(supergraph_of(directives.FEATURE))
    assert graph.progressive_labels == {"percent(0)", "percent(100)"}
    on = {f.subgraph for f in fetches(_plan(PROGRESSIVE, graph=graph, labels=frozenset(graph.progressive_labels)).node)}
    off = {f.subgraph for f in fetches(_plan(PROGRESSIVE, graph=graph).node)}
    assert on == {"products", "pricing"}
    assert off == {"products"}


def test_inaccessible_key_is_used_for_planning():
    graph = Supergraph.from_sdl(supergraph_of(directives.FEATURE))
    assert graph.api_schema.get_type("Product").fields.get("internalId") is None
    assert_snapshot(SNAPSHOTS / "shape_inaccessible_key.txt", print_plan(_plan(INACCESSIBLE_KEY, graph=graph)))
