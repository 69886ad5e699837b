"""bench.workloads and bench.routers: request streams and the supergraph each router reads."""

import itertools
import re

import orjson

from bench.routers import adapt_for, rewrite_urls
from bench.workloads import Workload, requires_workload
from tests.support.paths import SCHEMA_FILE

SDL = '''schema
  @link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)
{ query: Query }
enum join__Graph {
  PROFILES @join__graph(name: "profiles", url: "http://profiles:8000/graphql")
}
'''


def _workload(**extra) -> Workload:
    variants = [({"id": str(i)}, f"Bearer t{i}") for i in range(3)]
    return Workload("w", "query Q($id: ID!) { pet(id: $id) { id } }", "Q", variants, **extra)


def test_stream_cycles_through_every_variant():
    sent = list(itertools.islice(_workload().stream(), 6))
    ids = [orjson.loads(body)["variables"]["id"] for body, _ in sent]
    assert ids == ["0", "1", "2", "0", "1", "2"]
    assert sent[1][1]["authorization"] == "Bearer t1"


def test_planning_stream_never_repeats_a_document_even_across_streams():
    workload = _workload(new_document_each_time=True)
    first = [orjson.loads(b)["query"] for b, _ in itertools.islice(workload.stream(), 5)]
    again = [orjson.loads(b)["query"] for b, _ in itertools.islice(workload.stream(), 5)]
    assert len(set(first + again)) == 10
    # a new document (a root alias), not only a new text: token-sharing caches miss too
    aliases = [re.search(r"\n  (plan_[0-9a-f]{12}_\d+): __typename", q) for q in first + again]
    assert all(aliases) and len({a.group(1) for a in aliases}) == 10
    assert all(q.replace(a.group(0), "", 1) == workload.document
               for q, a in zip(first + again, aliases))


def test_replay_answers_plan_aliases_from_the_recording_without_them():
    from bench.replay import Recorder

    plain = orjson.dumps({"query": "query Q($id: ID!) { pet(id: $id) { id } }",
                          "variables": {"id": "1"}})
    aliased = orjson.dumps({"query": "query Q($id:ID!){plan_0123456789ab_7:__typename "
                                     "pet(id:$id){id}}", "variables": {"id": "1"}})
    recorder = Recorder({})
    recorder.recordings[Recorder.key("profiles", plain, None)] = b'{"data":{"pet":{"id":"1"}}}'
    tokens = Recorder.key("profiles", aliased, None)
    assert tokens[1] == "query Q ( $ id : ID ! ) { pet ( id : $ id ) { id } }"
    answer = orjson.loads(Recorder.with_plan_aliases(aliased, b'{"data":{"pet":{"id":"1"}}}'))
    assert answer == {"data": {"pet": {"id": "1"}, "plan_0123456789ab_7": "Query"}}


def test_rewrite_points_every_graph_at_the_bench_processes():
    out = rewrite_urls(SDL, {"profiles": "http://127.0.0.1:5555/graphql"})
    assert '@join__graph(name: "profiles", url: "http://127.0.0.1:5555/graphql")' in out


def test_apollo_gateway_gets_the_security_feature_without_its_purpose_only():
    assert "for: SECURITY" not in adapt_for("apollo-gateway", SDL)
    assert adapt_for("hive-gateway", SDL) == SDL


def test_requires_workload_is_skipped_when_no_pet_field_uses_requires():
    assert requires_workload(SDL, []).skipped


def test_requires_workload_selects_the_pet_field_resolved_with_requires():
    sdl = SCHEMA_FILE.read_text()
    workload = requires_workload(sdl, [({"id": "1"}, "Bearer x")])
    assert workload.skipped is None
    assert "feedingGuide { dailyKcal factor lifeStage restingKcal }" in workload.document
