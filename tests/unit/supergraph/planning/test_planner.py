"""Query plans over the four-subgraph fixture, compared as printed text."""

from pathlib import Path

import pytest
from graphql import parse

from supergraph.planning.plan import fetches, print_plan
from supergraph.planning.planner import QueryPlanner, build_plan
from tests.support.snapshots import assert_snapshot
from tests.unit.supergraph.fixtures import supergraph_v05

SNAPSHOTS = Path(__file__).parent / "snapshots"

ROOT_FIELDS_IN_PARALLEL = "{ me { name } topProducts { name } latestReviews { body } }"

NESTED_ACROSS_THREE_SUBGRAPHS_AND_BACK = """
{ topProducts { name reviews { body author { name reviews { body product { name } } } } } }
"""

REQUIRES_FROM_OWNER = "{ topProducts { upc inStock shippingEstimate } }"

REQUIRES_THROUGH_THIRD_SUBGRAPH = "{ latestReviews { product { shippingEstimate } } }"

PROVIDES_STAYS_IN_SUBGRAPH = "{ latestReviews { author { username } } }"

PROVIDES_PLUS_OWNED_FIELD = "{ latestReviews { author { username name } } }"

SHAREABLE_VALUE_TYPE_STAYS = "{ topProducts { dimensions { size weight } } }"

SHAREABLE_VALUE_TYPE_IN_MUTATION = 'mutation { restock(upc: "1", amount: 3) { inStock dimensions { size } } }'

MULTI_FIELD_KEY = "{ product(upc: \"1\") { reviewCount } }"

INTERFACE_TYPE_CONDITIONS = """
{ posts { __typename id ... on Review { rating author { name } product { name } } ... on Question { asker { id } } } }
"""

UNION_TYPE_CONDITIONS = """
query Search($text: String!) { search(text: $text) { ... on Product { name reviewCount } ... on Category { name } } }
"""

MUTATIONS_IN_ORDER = """
mutation Order {
  first: userRename(id: "1", name: "A") { name }
  restock(upc: "1", amount: 1) { shippingEstimate }
  reviewAdd(upc: "1", body: "nice") { id }
  last: userRename(id: "1", name: "B") { id }
}
"""

VARIABLES_FRAGMENTS_ALIASES = """
query Page($first: Int, $withReviews: Boolean!, $unused: String) {
  best: topProducts(first: $first) { ...ProductCard }
}
fragment ProductCard on Product {
  title: name
  reviews @include(if: $withReviews) { body }
}
"""

CASES = {
    "root_fields_in_parallel": ROOT_FIELDS_IN_PARALLEL,
    "nested_across_three_subgraphs_and_back": NESTED_ACROSS_THREE_SUBGRAPHS_AND_BACK,
    "requires_from_owner": REQUIRES_FROM_OWNER,
    "requires_through_third_subgraph": REQUIRES_THROUGH_THIRD_SUBGRAPH,
    "provides_stays_in_subgraph": PROVIDES_STAYS_IN_SUBGRAPH,
    "provides_plus_owned_field": PROVIDES_PLUS_OWNED_FIELD,
    "shareable_value_type_stays": SHAREABLE_VALUE_TYPE_STAYS,
    "shareable_value_type_in_mutation": SHAREABLE_VALUE_TYPE_IN_MUTATION,
    "multi_field_key": MULTI_FIELD_KEY,
    "interface_type_conditions": INTERFACE_TYPE_CONDITIONS,
    "union_type_conditions": UNION_TYPE_CONDITIONS,
    "mutations_in_order": MUTATIONS_IN_ORDER,
    "variables_fragments_aliases": VARIABLES_FRAGMENTS_ALIASES,
}


def _plan(query: str):
    return build_plan(supergraph_v05(), parse(query), None)


@pytest.mark.parametrize("name", sorted(CASES))
def test_plan_matches_snapshot(name):
    assert_snapshot(SNAPSHOTS / f"plan_{name}.txt", print_plan(_plan(CASES[name])))


def test_provided_field_needs_no_extra_fetch():
    assert [f.subgraph for f in fetches(_plan(PROVIDES_STAYS_IN_SUBGRAPH).node)] == ["reviews"]


def test_shareable_value_type_is_resolved_in_the_current_subgraph():
    assert [f.subgraph for f in fetches(_plan(SHAREABLE_VALUE_TYPE_STAYS).node)] == ["products"]


def test_mutation_root_fields_run_sequentially_in_document_order():
    subgraphs = [f.subgraph for f in fetches(_plan(MUTATIONS_IN_ORDER).node) if f.operation_kind == "mutation"]
    assert subgraphs == ["accounts", "inventory", "reviews", "accounts"]


def test_only_used_variables_are_passed_to_each_fetch():
    root, entity = fetches(_plan(VARIABLES_FRAGMENTS_ALIASES).node)
    assert root.variable_usages == ("first",)
    assert entity.variable_usages == ("withReviews",)


def test_plans_are_cached_by_document_hash_and_operation_name():
    planner = QueryPlanner(supergraph_v05())
    document = parse(ROOT_FIELDS_IN_PARALLEL)
    first = planner.plan(document, None, "hash-1")
    assert planner.plan(document, None, "hash-1") is first
    assert planner.plan(document, None, "hash-2") is not first
