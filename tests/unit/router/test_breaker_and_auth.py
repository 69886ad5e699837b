"""Circuit breaker states (fake clock) and @authenticated/@requiresScopes rules."""

from dataclasses import dataclass, field

from graphql import parse

from supergraph.errors import ErrorCode
from supergraph.request.authorization import AuthorizationRules, Requirement
from supergraph.transport.breaker import CircuitBreaker

RULES_SDL = """
type Query { me: User @authenticated users: [User!]! }
type User { email: String @requiresScopes(scopes: [["read:email"], ["admin"]]) card: Card }
type Card @authenticated { last4: String }
"""


@dataclass(frozen=True)
class Caller:
    is_authenticated: bool = False
    scopes: frozenset = field(default_factory=frozenset)


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def test_breaker_opens_after_consecutive_failures_and_fails_fast():
    breaker = CircuitBreaker(failure_threshold=2, reset_after=10, clock=Clock())
    breaker.record(False)
    assert breaker.allow()
    breaker.record(False)
    assert not breaker.allow()


def test_breaker_lets_one_trial_through_after_the_reset_time_and_closes_on_success():
    clock = Clock()
    breaker = CircuitBreaker(failure_threshold=1, reset_after=10, clock=clock)
    breaker.record(False)
    clock.now = 10
    assert breaker.allow()
    assert not breaker.allow()  # the trial is in flight
    breaker.record(True)
    assert breaker.allow() and not breaker.is_open


def test_success_resets_the_failure_count():
    breaker = CircuitBreaker(failure_threshold=2, clock=Clock())
    breaker.record(False)
    breaker.record(True)
    breaker.record(False)
    assert breaker.allow()


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
