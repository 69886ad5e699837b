"""accounts has no subscriptions."""
