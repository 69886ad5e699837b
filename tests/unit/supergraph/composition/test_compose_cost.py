"""Demand-control directives survive composition: @cost / @listSize from subgraphs (imported
from the federation spec, or from the cost spec linked directly) are merged the way Apollo
merges them and printed under the cost spec link; the API schema does not show them."""

from supergraph.composition import SubgraphSpec, compose
from supergraph.spec.api_schema import api_schema_sdl

PETS_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9",
                    import: ["@key", "@shareable", "@cost", "@listSize"])
type Query {
  pets(first: Int = 10): [Pet!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)
  tags: [String!]! @shareable @listSize(assumedSize: 5)
}
type Pet @key(fields: "id") @cost(weight: 2) { id: ID! history: String! @cost(weight: 4) }
"""
VISITS_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])
extend schema @link(url: "https://specs.apollo.dev/cost/v0.1", import: [{name: "@cost", as: "@weight"}])
type Query { tags: [String!]! @shareable @federation__listSize(assumedSize: 8) }
type Pet @key(fields: "id") @weight(weight: 5) { id: ID! visits(last: Int = 3): [String!]! }
"""
PLAIN_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
type Query { hello: String }
"""


def _compose(*sdls: tuple[str, str]) -> str:
    result = compose([SubgraphSpec(name, f"http://{name}/graphql", sdl) for name, sdl in sdls])
    assert result.ok, result.errors
    return result.supergraph_sdl


def _line(sdl: str, start: str) -> str:
    return next(line.strip() for line in sdl.splitlines() if line.strip().startswith(start))


def test_cost_and_list_size_are_carried_under_the_cost_spec_link():
    sdl = _compose(("pets", PETS_SDL), ("visits", VISITS_SDL))
    assert '@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@cost", "@listSize"])' in sdl
    assert "directive @cost(weight: Int!) on" in sdl and "directive @listSize(" in sdl
    assert _line(sdl, "pets(").endswith(
        '@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)')
    assert _line(sdl, "history").endswith("@cost(weight: 4)")


def test_merged_weights_take_the_largest_and_sizes_the_largest_assumption():
    sdl = _compose(("pets", PETS_SDL), ("visits", VISITS_SDL))
    assert "@cost(weight: 5)" in sdl.split("type Pet", 1)[1].split("{", 1)[0]
    assert _line(sdl, "tags:").endswith("@listSize(assumedSize: 8)")


def test_without_cost_directives_nothing_is_linked():
    sdl = _compose(("plain", PLAIN_SDL))
    assert "cost/v0.1" not in sdl and "@listSize" not in sdl


def test_the_api_schema_leaves_them_out():
    api = api_schema_sdl(_compose(("pets", PETS_SDL), ("visits", VISITS_SDL)))
    assert "@cost" not in api and "@listSize" not in api and "directive @weight" not in api
