"""The attack classes of the OWASP GraphQL cheat sheet against a production-mode router.

Every case must be refused with a coded error before any subgraph is called. The router's
CPU time per case (CPU time of the thread that runs the in-process request, cold caches) is written to
``.pytest_cache/d/edge_owasp/report.json`` (a temporary directory without pytest's cache)
and printed (``pytest -s``); it is not asserted.
"""

import gc
import json
import tempfile
import time
from pathlib import Path

import orjson
import pytest

from tests.support.edge import code, send, token_for


def _fragment_bomb() -> str:
    fragments = " ".join(f"fragment F{i} on Pet {{ ...F{i + 1} ...F{i + 1} ...F{i + 1} }}" for i in range(25))
    return f"{{ myPets {{ ...F0 }} }} {fragments} fragment F25 on Pet {{ name }}"


def _nested_repeats() -> str:
    inner = "name"
    for n in (8, 5, 3, 2):
        inner = ("owner { pets { " + inner + " } } ") * n
    return "{ myPets { " + inner + " } }"


CASES = {
    "alias overloading": ({"query": "{ " + " ".join(f"a{i}: myPets {{ name }}" for i in range(1000)) + " }"},
                          {"MAX_TOKENS_LIMIT", "MAX_ALIASES_LIMIT"}),
    "alias overloading under the token cap": (
        {"query": "{ " + " ".join(f"a{i}: __typename" for i in range(500)) + " }"}, {"MAX_ALIASES_LIMIT"}),
    "directive overloading": ({"query": "{ myPets" + " @include(if: true)" * 200 + " { name } }"},
                              {"MAX_DIRECTIVES_LIMIT"}),
    "deep nesting": ({"query": "{ myPets " + "{ owner { pets " * 12 + "{ name }" + " } }" * 12 + " }"},
                     {"MAX_DEPTH_LIMIT"}),
    "deep nesting past the parser guard": ({"query": "{" + " a {" * 600 + " b" + " }" * 601},
                                           {"MAX_DEPTH_LIMIT"}),
    "circular fragments": ({"query": "{ myPets { ...A } } fragment A on Pet { owner { pets { ...B } } } "
                                     "fragment B on Pet { owner { pets { ...A } } }"}, {"GRAPHQL_VALIDATION_FAILED"}),
    "fragment bomb": ({"query": _fragment_bomb()}, {"MAX_FIELDS_LIMIT"}),
    "field duplication": ({"query": "{ myPets { " + "name " * 1500 + "} }"}, {"MAX_FIELDS_LIMIT"}),
    "nested field repeats (1 s of validation)": ({"query": _nested_repeats()}, {"MAX_FIELDS_LIMIT"}),
    "object field duplication": ({"query": "{ myPets { " + "owner { name } " * 300 + "} }"}, {"MAX_FIELDS_LIMIT"}),
    "expensive list nesting": ({"query": "{ myPets { owner { pets { owner { pets { visits(last: 100) { "
                                         "clinic { vets { name } } } } } } } } }"},
                               {"COST_ESTIMATED_TOO_EXPENSIVE"}),
    "batching abuse": ([{"query": "{ __typename }"}] * 1000, {"BATCH_LIMIT_EXCEEDED"}),
    "introspection leak": ({"query": "{ __schema { types { name fields { name } } } }"}, {"INTROSPECTION_DISABLED"}),
    "introspection via __type": ({"query": '{ __type(name: "Pet") { fields { name } } }'},
                                 {"INTROSPECTION_DISABLED"}),
    "oversized document": ({"query": "{ myPets { name } }" + " " * 300_000}, {"REQUEST_TOO_LARGE"}),
    "many tokens": ({"query": "{ myPets { " + "name " * 5000 + "} }"}, {"MAX_TOKENS_LIMIT"}),
}
GET_CASES = {
    "GET without preflight (CSRF)": ({"query": "{ myPets { name } }"}, {}, {"CSRF_PREVENTION"}),
    "mutation over GET": ({"query": "mutation { accountLogout(input: {}) { errors { code } } }"},
                          {"apollo-require-preflight": "1"}, {"OPERATION_NOT_ALLOWED"}),
}

REPORT: dict[str, dict] = {}


@pytest.fixture(scope="module")
def report(request):
    yield REPORT
    worst = max(REPORT.items(), key=lambda item: item[1]["cpu_ms"]) if REPORT else None
    summary = {"cases": REPORT, "worst": worst[0] if worst else None}
    cache = getattr(request.config, "cache", None)  # None with -p no:cacheprovider
    directory = cache.mkdir("edge_owasp") if cache else Path(tempfile.mkdtemp(prefix="edge_owasp-"))
    (directory / "report.json").write_text(json.dumps(summary, indent=2))
    print("\nOWASP GraphQL cheat sheet cases against the router (production mode):")
    for name, row in REPORT.items():
        print(f"  {name:40} {row['status']} {row['code']:30} cpu {row['cpu_ms']:7.2f} ms")
    if worst:
        print(f"  worst: {worst[0]} ({worst[1]['cpu_ms']:.2f} ms CPU)")


async def _measure(coro):
    # A full collection first: the test process holds the whole platform, and a gen-2 pass
    # that happens to fall inside one case would be charged to it (~170 ms here).
    gc.collect()
    start = time.thread_time()
    response = await coro
    return response, (time.thread_time() - start) * 1000


@pytest.mark.parametrize("name", list(CASES))
async def test_attack_is_refused_with_a_code_before_any_fetch(name, report, edge_app, platform, world, issue_token):
    payload, expected = CASES[name]
    app = edge_app()
    token = token_for(world, issue_token, "owner@demo.test")
    before = {n: t.request_count for n, t in platform.transports.items()}
    body = orjson.dumps(payload)
    response, cpu_ms = await _measure(send(app, content=body, token=token,
                                           headers={"content-type": "application/json"}))
    after = {n: t.request_count for n, t in platform.transports.items()}
    report[name] = {"status": response.status_code, "code": code(response), "cpu_ms": round(cpu_ms, 3)}
    assert code(response) in expected, response.text[:300]
    assert before == after


@pytest.mark.parametrize("name", list(GET_CASES))
async def test_get_attack_is_refused_with_a_code(name, report, edge_app, world, issue_token):
    params, headers, expected = GET_CASES[name]
    response, cpu_ms = await _measure(send(edge_app(), method="GET", params=params, headers=headers,
                                           token=token_for(world, issue_token, "owner@demo.test")))
    report[name] = {"status": response.status_code, "code": code(response), "cpu_ms": round(cpu_ms, 3)}
    assert code(response) in expected


async def test_suggestion_leak_is_closed(report, edge_app, world, issue_token):
    response, cpu_ms = await _measure(send(edge_app(), {"query": "{ myPet { nam } }"},
                                           token=token_for(world, issue_token, "owner@demo.test")))
    report["field suggestion leak"] = {"status": response.status_code, "code": code(response),
                                       "cpu_ms": round(cpu_ms, 3)}
    assert code(response) == "GRAPHQL_VALIDATION_FAILED" and "Did you mean" not in response.text
