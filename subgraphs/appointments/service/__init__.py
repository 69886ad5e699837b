"""appointments business rules: no GraphQL, no SQL (statements are in ``repository``).

- ``lifecycle``: the visit's state machine and who may move it (pure);
- ``schedule``: working weeks, free windows, slots and the booking checks (pure);
- ``booking``: booking and rescheduling (checks, the write, what follows the commit);
- ``transitions``: applying one lifecycle transition;
- ``availability``: a clinic's bookable slots (free windows cached in Redis);
- ``effects``: what a committed change tells the rest of the system (events, cache, care
  directory);
- ``geo``: the clinics' geohash; ``ids``: canonical UUID ids.
"""
