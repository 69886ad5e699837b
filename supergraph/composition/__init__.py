"""Apollo Federation v2 composition: subgraph SDLs -> supergraph SDL (join v0.5 / link v1.0).

    result = compose([SubgraphSpec("profiles", "http://profiles/graphql", sdl), ...])
    if result.errors: ...               # every error at once, with codes and subgraph names
    supergraph.spec.api_schema.api_schema_sdl(result.supergraph_sdl)  # the client-facing schema

Stages (one module each): `subgraph` (parse + normalize), `validate_subgraph` (per-subgraph
checks), `merge` / `merge_fields` / `merge_leaf` (cross-subgraph rules), `printer`
(Apollo-format SDL), `project` (CLI helpers). The specs themselves are read by
`supergraph.spec` (links, field sets, type references, the API schema), shared with the
router.

Supported: @key (incl. resolvable: false, nested/multiple keys, interface keys), @shareable,
@external, @requires, @provides, @override(from:, label:), @inaccessible, @authenticated,
@requiresScopes, @extends / `extend type`, imports renamed with `as`, `federation__` names,
Federation 1 (plain) SDL, root types renamed to Query/Mutation/Subscription, and demand
control: @cost / @listSize (imported from federation v2.9 or linked from the cost spec) are
merged like Apollo (largest weight / assumed size, union of slicing arguments and sized
fields) and printed under `@link(url: "https://specs.apollo.dev/cost/v0.1", import: [...])`.
Not (yet): satisfiability validation (query-graph checks), @interfaceObject field attribution,
@context/@fromContext, @composeDirective and custom type-system directives (dropped),
@tag / @policy (dropped), hints.
"""

from supergraph.composition.compose import compose
from supergraph.composition.model import CompositionError, CompositionResult, SubgraphSpec

__all__ = ["CompositionError", "CompositionResult", "SubgraphSpec", "compose"]
