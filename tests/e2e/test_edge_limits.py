"""Limits through the router, each with its code, before validation or (cost) before any fetch."""

from tests.support.edge import FLUTTER, code, send, token_for

ALIASES = "{ " + " ".join(f"a{i}: myPets {{ name }}" for i in range(31)) + " }"
DEEP = "{ myPets { owner { pets { owner { pets { owner { pets { owner { pets { owner { pets { owner { pets { owner { pets { name } } } } } } } } } } } } } } } }"
ROOTS = "{ " + " ".join(["__typename"] * 21) + " }"
DIRECTIVES = "{ myPets @skip(if: false)" + " @include(if: true)" * 11 + " { name } }"
EXPENSIVE = "{ myPets { owner { pets { owner { pets { visits(last: 50) { clinic { vets { clinic { name } } } } } } } } } }"
TOKENS = "{ myPets { " + "name " * 4001 + "} }"


async def post_as_owner(app, world, issue_token, query):
    return await send(app, {"query": query}, token=token_for(world, issue_token, "owner@demo.test"))


async def test_client_operation_within_every_limit_runs(edge_app, world, issue_token):
    response = await post_as_owner(edge_app(), world, issue_token, FLUTTER["MyPets"].document)
    assert response.status_code == 200 and response.json()["data"]["myPets"]


async def test_too_many_tokens_is_refused(edge_app, world, issue_token):
    assert code(await post_as_owner(edge_app(), world, issue_token, TOKENS)) == "MAX_TOKENS_LIMIT"


async def test_too_deep_is_refused(edge_app, world, issue_token):
    assert code(await post_as_owner(edge_app(), world, issue_token, DEEP)) == "MAX_DEPTH_LIMIT"


async def test_too_many_aliases_is_refused(edge_app, world, issue_token):
    assert code(await post_as_owner(edge_app(), world, issue_token, ALIASES)) == "MAX_ALIASES_LIMIT"


async def test_too_many_root_fields_is_refused(edge_app, world, issue_token):
    assert code(await post_as_owner(edge_app(), world, issue_token, ROOTS)) == "MAX_ROOT_FIELDS_LIMIT"


async def test_too_many_directives_is_refused(edge_app, world, issue_token):
    assert code(await post_as_owner(edge_app(), world, issue_token, DIRECTIVES)) == "MAX_DIRECTIVES_LIMIT"


async def test_estimated_cost_above_budget_is_refused_before_any_subgraph_call(
        edge_app, platform, world, issue_token):
    app = edge_app()
    before = {name: t.request_count for name, t in platform.transports.items()}
    response = await post_as_owner(app, world, issue_token, EXPENSIVE)
    after = {name: t.request_count for name, t in platform.transports.items()}
    assert code(response) == "COST_ESTIMATED_TOO_EXPENSIVE"
    assert before == after


async def test_cost_grows_with_the_slicing_argument_from_variables(edge_app, world, issue_token):
    query = "query($n: Int!) { myAppointments(first: $n) { id clinic { vets { clinic { name } } } } }"
    token = token_for(world, issue_token, "owner@demo.test")
    app = edge_app()
    small = await send(app, {"query": query, "variables": {"n": 2}}, token=token)
    large = await send(app, {"query": query, "variables": {"n": 500}}, token=token)
    assert "errors" not in small.json(), small.json()
    assert code(large) == "COST_ESTIMATED_TOO_EXPENSIVE"
