"""Identity: accounts, client access tokens, router->subgraph identity tokens, principals.

- ``auth.tokens``: issue (``TokenIssuer``) and verify (``ClientTokenVerifier``) client JWTs.
- ``auth.jwks``: key ids (JWK thumbprints) and the JWKS document of the valid public keys.
- ``auth.router_auth``: the router's hook: headers -> principal (Pawgraph and OIDC issuers).
- ``auth.oidc``: external OIDC issuers (JWKS fetched, cached with cooldown; sub -> uuid5).
- ``auth.grants``: the account -> shared pets directory (co-owners, sitters) in Redis.
- ``auth.audit``: the admin audit log (``accounts.audit_entry``), written at the subgraph
  request boundary.
- ``auth.router_identity``: the router's per-call identity token and the subgraph-side check.
- ``auth.keys``: Ed25519 key pairs (development keys generated under the data dir).
- ``auth.scopes``: the scope vocabulary and the scopes of each role.
- ``auth.passwords``: Argon2id hashing; ``auth.ratelimit``: Redis rate limits, failing closed.
- ``auth.access`` / ``auth.visibility``: cross-domain staff access (clinic -> patients) and
  the object-level read rules the repositories apply.
- ``auth.models`` / ``auth.accounts``: the accounts store (PostgreSQL schema ``accounts``);
  its GraphQL surface is the ``accounts`` subgraph (``subgraphs/accounts``).
"""
