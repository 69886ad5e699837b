"""Every test that uses the session's stores starts from the seeded SQL state: what earlier
tests (integration or e2e) wrote to the SQL schemas is put back first
(``tests.support.sql_isolation``; costs one query when nothing was written)."""

from __future__ import annotations

import pytest

from tests.support.sql_isolation import drop_derived_keys


@pytest.fixture(autouse=True)
async def sql_isolated(request: pytest.FixtureRequest) -> None:
    if "settings" not in request.fixturenames:  # a test with stores of its own, or none
        return
    stores = request.getfixturevalue("session_stores")
    restored = await stores.sql.restore()
    if restored:
        redis = stores.settings.redis
        await drop_derived_keys(redis.url, redis.key_prefix, restored, stores.sql)
