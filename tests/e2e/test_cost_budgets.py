"""Cost is flat: MyPets for owners with 1, 10 and 100 pets makes the same number of subgraph
requests, and every subgraph sends the same number of store queries."""

from pawgraph.clientops import load_client
from tests.support.platform import account

MY_PETS = load_client("vue")["MyPets"].document
OWNERS = {1: "single@demo.test", 10: "breeder@demo.test", 100: "shelter@demo.test"}


def _store_counts(platform) -> dict[str, int]:
    counts = {}
    for name, app in platform.subgraph_apps.items():
        counter = getattr(app.state, "sql", None) or getattr(app.state, "mongo_commands", None)
        counts[name] = counter.total
    return counts


def _requests(platform) -> dict[str, int]:
    return {name: t.request_count for name, t in platform.transports.items()}


async def _measure(router, platform, token) -> tuple[dict, dict, dict]:
    requests_before, store_before = _requests(platform), _store_counts(platform)
    response = await router.post({"query": MY_PETS}, token=token)
    body = response.json()
    assert "errors" not in body, body.get("errors")
    requests = {k: v - requests_before[k] for k, v in _requests(platform).items()}
    store = {k: v - store_before[k] for k, v in _store_counts(platform).items()}
    return body, requests, store


async def test_my_pets_cost_is_the_same_for_1_10_and_100_pets(router, platform, world,
                                                              issue_token):
    measured = {}
    for size, email in OWNERS.items():
        body, requests, store = await _measure(router, platform,
                                               issue_token(account(world, email)))
        assert len(body["data"]["myPets"]) == size
        measured[size] = (requests, store)
    print("\nMyPets cost (subgraph requests, store queries) by pet count:", measured)
    assert measured[1] == measured[10] == measured[100]
    requests, _ = measured[100]
    assert sum(requests.values()) <= 2 * len(requests)  # one round per level, not per pet
