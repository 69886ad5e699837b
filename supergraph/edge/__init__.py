"""The router's edge: client-facing rules around the router (trusted documents, APQ, limits,
cost, CSRF/CORS, error masking, request ids), assembled by ``edge.Edge`` from an ``EdgeConfig``."""
