"""Identity: client access tokens, router->subgraph identity tokens, principals, and the
access rules every subgraph shares. ``auth`` sits below the subgraphs (subgraphs -> auth ->
persistence) and never imports a subgraph: the accounts store - accounts, refresh tokens,
the audit table, their migrations and the sign-in GraphQL surface - is the ``accounts``
subgraph (``subgraphs/accounts``).

- ``auth.tokens``: issue (``TokenIssuer``) and verify (``ClientTokenVerifier``) client JWTs.
- ``auth.jwks``: key ids (JWK thumbprints) and the JWKS document of the valid public keys.
- ``auth.router_auth``: the router's hook: headers -> principal (Pawgraph and OIDC issuers).
- ``auth.oidc``: external OIDC issuers (JWKS fetched, cached with cooldown; sub -> uuid5).
- ``auth.grants``: the account -> shared pets directory (co-owners, sitters) in Redis.
- ``auth.audit``: the admin audit log's API (events, which requests are audited,
  ``AuditLog``), written at the subgraph request boundary through the accounts subgraph's
  repository (``accounts.audit_entry``).
- ``auth.router_identity``: the router's per-call identity token and the subgraph-side check.
- ``auth.keys``: Ed25519 key pairs (development keys generated under the data dir).
- ``auth.scopes``: the scope vocabulary and the scopes of each role.
- ``auth.principal``: who is calling (``Principal``, ``Role``).
- ``auth.passwords``: Argon2id hashing; ``auth.ratelimit``: Redis rate limits, failing closed.
- ``auth.access`` / ``auth.visibility``: cross-domain staff access (clinic -> patients) and
  the object-level read rules the repositories apply.
- ``auth.settings``: its configuration slice; ``auth.errors``: authentication failures.
"""
