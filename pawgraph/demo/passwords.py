"""The demo accounts' password (development data only; documented in README).

Every seeded demo account (``owner@demo.test``, ``vet@demo.test``, ... and the generated
owners) signs in with ``DEMO_PASSWORD``. Seeding hashes it once (Argon2id) and stores that
hash for all of them.
"""

DEMO_PASSWORD = "pawgraph-demo"
