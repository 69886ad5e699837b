"""Every conformance case against the router with in-process subgraph transports."""

import pytest

from tests.support.conformance.features import ALL
from tests.support.conformance.harness import run_inprocess

pytestmark = pytest.mark.e2e

CASES = [(feature, case) for feature in ALL for case in feature.cases]


@pytest.mark.parametrize(("feature", "case"), CASES, ids=[f"{f.name}-{c.name}" for f, c in CASES])
async def test_case_returns_expected_data(feature, case):
    await run_inprocess(feature, case)
