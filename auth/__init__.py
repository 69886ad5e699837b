"""Identity: accounts, client access tokens, router->subgraph identity tokens, principals.

- ``auth.tokens``: issue (``TokenIssuer``) and verify (``ClientTokenVerifier``) client JWTs.
- ``auth.router_identity``: the router's per-call identity token and the subgraph-side check.
- ``auth.keys``: Ed25519 key pairs (development keys generated under the data dir).
- ``auth.models`` / ``auth.accounts``: the accounts store (PostgreSQL schema ``accounts``).
"""
