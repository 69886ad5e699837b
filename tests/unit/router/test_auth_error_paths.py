"""Errors of fields authorization removed get one concrete path per list element."""

from supergraph.request.authorization import expand_paths

DATA = {
    "owners": [
        {"pets": [{"notes": None}, {"notes": None}]},
        None,
        {"pets": []},
        {"pets": [None, {"notes": None}]},
    ],
    "me": {"notes": None},
}


def _error(path):
    return {"message": "Unauthorized field or type", "path": path, "extensions": {"code": "FORBIDDEN"}}


def test_list_positions_become_indices_of_present_elements():
    errors = expand_paths([_error(["owners", "@", "pets", "@", "notes"])], DATA)
    assert [e["path"] for e in errors] == [
        ["owners", 0, "pets", 0, "notes"],
        ["owners", 0, "pets", 1, "notes"],
        ["owners", 3, "pets", 1, "notes"],
    ]
    assert all(e["extensions"]["code"] == "FORBIDDEN" for e in errors)


def test_paths_without_lists_and_other_errors_are_kept_as_they_are():
    other = {"message": "boom", "path": ["owners", 1], "extensions": {"code": "SUBGRAPH_ERROR"}}
    errors = expand_paths([_error(["me", "notes"]), other], DATA)
    assert errors == [_error(["me", "notes"]), other]


def test_a_list_that_is_null_yields_no_error():
    assert expand_paths([_error(["owners", "@", "notes"])], {"owners": None}) == []
