"""Our composer and The Guild's (`@theguild/federation-composition`, npm) agree.

Both compose the unit-test fixture subgraphs; the API schemas derived from the two
supergraphs must be identical. Needs Node.js + npm: the test fails (never skips) without them.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from supergraph.composition import compose
from supergraph.spec.api_schema import api_schema_sdl
from tests.unit.supergraph.composition.fixtures import SCENARIOS

NPM_DIR = Path(__file__).resolve().parents[1] / "npm"


@pytest.fixture(scope="module")
def guild_composer():
    npm, node = shutil.which("npm"), shutil.which("node")
    assert npm and node, "node and npm are required for the composition comparison test"
    if not (NPM_DIR / "node_modules" / "@theguild" / "federation-composition").exists():
        subprocess.run([npm, "ci", "--prefix", str(NPM_DIR), "--no-audit", "--no-fund"], check=True)

    def run(specs):
        payload = json.dumps([{"name": s.name, "url": s.url, "sdl": s.sdl} for s in specs])
        done = subprocess.run([node, str(NPM_DIR / "compose.mjs")], input=payload, capture_output=True, text=True)
        assert done.returncode == 0, f"guild composition failed:\n{done.stderr}"
        return done.stdout

    return run


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_api_schema_matches_guild_composition(guild_composer, scenario):
    specs = SCENARIOS[scenario]
    ours = compose(specs)
    assert ours.errors == ()

    assert api_schema_sdl(ours.supergraph_sdl) == api_schema_sdl(guild_composer(specs))


def test_pawgraph_subgraphs_compose_to_the_same_api_schema_as_guild(guild_composer):
    from pawgraph.assembly import subgraph_specs

    specs = subgraph_specs()
    ours = compose(specs)
    assert ours.errors == ()
    assert api_schema_sdl(ours.supergraph_sdl) == api_schema_sdl(guild_composer(specs))
