"""Circuit breaker states (fake clock)."""

from supergraph.transport.breaker import CircuitBreaker


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
