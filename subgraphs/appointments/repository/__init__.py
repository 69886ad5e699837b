"""Every appointments statement to the stores, by entity; never commits (the request's unit of
work does).

- ``clinics``: the care directory: clinics, vets, their weekly shifts (public, no principal);
- ``appointments``: visits and their status history; reads take the principal and filter in
  the query (``visible_appointments``), plus the writes that guard against double booking;
- ``patients``: the patient list (pet -> owner) kept from profiles' ``pets`` stream;
- ``slots_cache``: the Redis cache of clinics' free windows per day.
"""
