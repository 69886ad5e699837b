"""bench.profile: py-spy's collapsed stacks summarised into self and inclusive shares."""

from bench.profile import top_frames

RAW = """main (a/router.py:10);plan (planning/planner.py:20);parse (graphql/parser.py:5) 6
main (a/router.py:10);execute (execution/executor.py:30) 3
main (a/router.py:11);execute (execution/executor.py:31);dumps (json/encoder.py:2) 1
"""


def test_self_counts_only_the_innermost_frame():
    own, _, total = top_frames(RAW)
    assert total == 10
    assert own[0] == ("parse (graphql/parser.py)", 6)


def test_inclusive_counts_a_function_once_per_stack_whatever_the_line():
    _, inclusive, _ = top_frames(RAW)
    counts = dict(inclusive)
    assert counts["main (a/router.py)"] == 10
    assert counts["execute (execution/executor.py)"] == 4


def test_garbage_lines_are_ignored():
    assert top_frames("not a stack\n\n")[2] == 0


def test_inclusive_leaves_out_event_loop_plumbing():
    raw = "run (asyncio/base_events.py:1);handle (supergraph/router.py:2) 5\n"
    _, inclusive, _ = top_frames(raw)
    assert dict(inclusive) == {"handle (supergraph/router.py)": 5}
