"""Composed supergraphs compared as printed text against checked-in snapshots."""

from pathlib import Path

import pytest

from supergraph.composition import compose
from supergraph.spec.api_schema import api_schema_sdl
from tests.support.snapshots import assert_snapshot
from tests.unit.supergraph.composition.fixtures import SCENARIOS

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_scenario_composes_to_snapshot(scenario):
    result = compose(SCENARIOS[scenario])

    assert result.errors == ()
    assert_snapshot(SNAPSHOTS / f"{scenario}.graphql", result.supergraph_sdl)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_scenario_api_schema_matches_snapshot(scenario):
    result = compose(SCENARIOS[scenario])

    assert_snapshot(SNAPSHOTS / f"{scenario}.api.graphql", api_schema_sdl(result.supergraph_sdl))


def test_composition_is_independent_of_subgraph_order():
    specs = SCENARIOS["entity_across_subgraphs"]

    assert compose(list(reversed(specs))).supergraph_sdl == compose(specs).supergraph_sdl
