"""profiles business rules: no GraphQL, no store statements (those are in ``repository``).

- ``pets``: registering and editing pets, and announcing registrations on the ``pets``
  stream;
- ``sharing``: emergency links and access grants;
- ``records``: a pet's record (microchip identifiers, age, vaccination due state).
"""
