"""profiles has no subscriptions yet (pet changes are published on ``pet:<id>``; no schema
field reads them here)."""
