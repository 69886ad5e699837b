"""training has no subscriptions yet."""
