"""@authenticated/@requiresScopes rules; errors of fields authorization removed get one
concrete path per list element."""

from dataclasses import dataclass, field

from graphql import parse

from supergraph.errors import ErrorCode
from supergraph.request.authorization import AuthorizationRules, Requirement, expand_paths

RULES_SDL = """
type Query { me: User @authenticated users: [User!]! }
type User { email: String @requiresScopes(scopes: [["read:email"], ["admin"]]) card: Card }
type Card @authenticated { last4: String }
"""

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


@dataclass(frozen=True)
class Caller:
    is_authenticated: bool = False
    scopes: frozenset = field(default_factory=frozenset)


def _rules() -> AuthorizationRules:
    return AuthorizationRules(parse(RULES_SDL), "authenticated", "requiresScopes")


def test_field_requirement_includes_the_returned_types_requirement():
    assert _rules().for_field("User", "card", "Card") == Requirement(authenticated=True)
    assert not _rules().for_field("Query", "users", "User")


def test_anonymous_is_unauthenticated_and_missing_scopes_forbidden():
    email = _rules().for_field("User", "email", "String")
    assert email.denial(Caller()) == ErrorCode.UNAUTHENTICATED
    assert email.denial(Caller(True)) == ErrorCode.FORBIDDEN
    assert email.denial(Caller(True, frozenset({"admin"}))) is None
    assert email.denial(Caller(True, frozenset({"read:email", "x"}))) is None


def test_a_principal_without_the_attributes_counts_as_anonymous():
    assert Requirement(authenticated=True).denial("some-user-id") == ErrorCode.UNAUTHENTICATED
