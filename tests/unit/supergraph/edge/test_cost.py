"""Demand control: @cost / @listSize from the supergraph SDL, slicing arguments, defaults."""

import re

import pytest
from graphql import OperationDefinitionNode, build_schema, parse

from pawgraph.clientops import load_all
from supergraph.edge.config import LimitsConfig
from supergraph.edge.cost import CostDirectives, CostEstimator
from supergraph.errors import ErrorCode
from supergraph.planning.supergraph import Supergraph
from tests.support.paths import SCHEMA_FILE

SDL = """
directive @link(url: String, import: [String]) repeatable on SCHEMA
extend schema @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@cost", "@listSize"])
directive @cost(weight: Int!) on FIELD_DEFINITION | OBJECT | SCALAR | ENUM
directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!],
  requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
type Query {
  pets(first: Int = 10): [Pet!]! @listSize(slicingArguments: ["first"])
  clinics: [Clinic!]! @listSize(assumedSize: 5)
  plain: [Pet!]!
  search(first: Int!): PetConnection! @listSize(slicingArguments: ["first"], sizedFields: ["nodes"])
}
type Mutation { petAdd: Pet }
type Pet { id: ID! name: String! history: String! @cost(weight: 7) owner: Owner }
type Owner @cost(weight: 3) { id: ID! }
type Clinic { id: ID! }
type PetConnection { nodes: [Pet!]! total: Int! }
"""
SCHEMA = build_schema(SDL)
ESTIMATOR = CostEstimator(SCHEMA, CostDirectives.from_sdl(SDL), default_list_size=20,
                          slicing_arguments=("first",))


def cost(query: str, variables: dict | None = None) -> float:
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    return ESTIMATOR.estimate(document, operation, variables or {})


def test_object_costs_one_and_scalar_nothing():
    assert cost("{ clinics { id } }") == 5 * 1


def test_slicing_argument_from_variables_multiplies_the_list():
    assert cost("query($n: Int) { pets(first: $n) { name } }", {"n": 40}) == 40


def test_slicing_argument_default_is_used_when_absent():
    assert cost("{ pets { name } }") == 10


def test_field_and_type_weights_from_cost_directive():
    assert cost("{ pets(first: 2) { history owner { id } } }") == 2 * (1 + 7 + 3)


def test_list_without_list_size_uses_the_default_size():
    assert cost("{ plain { id } }") == 20


def test_sized_fields_carry_the_slicing_argument_to_the_child_list():
    assert cost("{ search(first: 4) { total nodes { id } } }") == 1 + 4 * 1


def test_mutation_root_field_costs_ten():
    assert cost("mutation { petAdd { id } }") == 10


def test_fragments_cost_the_same_as_inline_selections():
    assert cost("{ pets(first: 3) { ...P } } fragment P on Pet { owner { id } }") == 3 * (1 + 3)


def test_every_client_operation_is_within_the_default_budget():
    sdl = SCHEMA_FILE.read_text()
    estimator = CostEstimator(Supergraph.from_sdl(sdl).api_schema, CostDirectives.from_sdl(sdl),
                              default_list_size=LimitsConfig().default_list_size,
                              slicing_arguments=LimitsConfig().slicing_arguments)
    for op in load_all():
        document = parse(op.document)
        operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
        assert estimator.estimate(document, operation, {}) <= LimitsConfig().max_cost, op.name


def _checked_in_estimator(default_list_size: int = 20) -> CostEstimator:
    sdl = SCHEMA_FILE.read_text()
    return CostEstimator(Supergraph.from_sdl(sdl).api_schema, CostDirectives.from_sdl(sdl),
                         default_list_size=default_list_size,
                         slicing_arguments=LimitsConfig().slicing_arguments)


def _estimate(estimator: CostEstimator, query: str) -> float:
    document = parse(query)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    return estimator.estimate(document, operation, {})


def test_composed_supergraph_carries_the_subgraphs_list_sizes():
    directives = CostDirectives.from_sdl(SCHEMA_FILE.read_text())
    assert directives.list_sizes[("Appointment", "statusHistory")].assumed_size == 10
    assert directives.list_sizes[("Pet", "visits")].slicing_arguments == ("last",)
    assert directives.list_sizes[("Query", "myPets")].assumed_size == 20


def test_estimate_uses_composed_list_sizes_not_the_default():
    query = "{ myAppointments(first: 3) { statusHistory { toStatus } clinic { vets { id } } } }"
    # 3 appointments x (1 + 10 status changes x 1 + clinic 1 + 10 vets x 1): @listSize values
    expected = 3 * (1 + 10 + 1 + 10)
    assert _estimate(_checked_in_estimator(default_list_size=20), query) == expected
    assert _estimate(_checked_in_estimator(default_list_size=1000), query) == expected


def test_estimate_reports_the_variables_its_slicing_arguments_read():
    document = parse("query Q($n: Int, $name: String) { pets(first: $n) { name } search(first: 3) { total } }")
    operation = document.definitions[0]
    cost_of, read = ESTIMATOR.estimate_reads(document, operation, {"n": 2, "name": "x"})
    assert (cost_of, read) == (2.0 + 1.0, frozenset({"n"}))


def test_policy_caches_the_estimate_per_operation_and_slicing_values():
    from supergraph.edge.config import EdgeConfig
    from supergraph.edge.policy import EdgePolicy
    from supergraph.router import Router

    policy = EdgePolicy(EdgeConfig(), SDL)
    router = Router(Supergraph.from_sdl(SCHEMA_FILE.read_text()), {})
    prepared = router.prepare("query Q($n: Int) { myPets { visits(last: $n) { id } } }", "Q")
    seen = []
    for n in (2, 50, 2, None, 50, 2.0):
        coerced = {} if n is None else {"n": n}
        policy.check_operation(router.schema, prepared, coerced, None)
        assert policy.last_cost == policy.estimate(router.schema, prepared.document, prepared.operation, coerced)
        seen.append(policy.last_cost)
    assert seen[0] == seen[2] != seen[1] == seen[4] != seen[5]  # 2.0 is no Int: default size
    assert len(policy._costs) == 1


def test_cost_limit_applies_without_directives_only_when_set_explicitly():
    from supergraph.edge.config import EdgeConfig, LimitsConfig
    from supergraph.edge.policy import EdgePolicy
    from supergraph.errors import GraphQLRequestError
    from supergraph.router import Router

    # the same supergraph with its cost directives renamed to something unknown
    plain = re.sub(r'(?<!")@(listSize|cost)\b', r"@unknown_\1", SCHEMA_FILE.read_text())
    router = Router(Supergraph.from_sdl(SCHEMA_FILE.read_text()), {})
    prepared = router.prepare("{ myPets { visits { id } } }", None)
    guessed = EdgePolicy(EdgeConfig(limits=LimitsConfig(max_cost=10)), plain)
    guessed.check_operation(router.schema, prepared, {}, None)  # no directives: not enforced
    assert guessed.last_cost is None
    for sdl, limits in ((plain, LimitsConfig(max_cost=10, cost_needs_directives=False)),
                        (SCHEMA_FILE.read_text(), LimitsConfig(max_cost=10))):
        with pytest.raises(GraphQLRequestError) as refused:
            EdgePolicy(EdgeConfig(limits=limits), sdl).check_operation(
                router.schema, prepared, {}, None)
        assert refused.value.code == ErrorCode.COST_ESTIMATED_TOO_EXPENSIVE
