"""accounts business rules: no GraphQL, no SQL (statements are ``repository`` calls).

- ``sessions``: ``AccountsService`` - register, log in, refresh (rotation + reuse detection),
  log out - and the ``Session`` a sign-in hands to the client.
- ``registration``: the sign-up input rules (``BAD_USER_INPUT`` per refused field).
"""

from subgraphs.accounts.service.sessions import AccountsService, Session

__all__ = ["AccountsService", "Session"]
