"""Federated subscriptions: graphql-transport-ws towards clients and towards subgraphs.

- ``protocol``: the client-facing WebSocket endpoint on the router's ``/graphql``.
- ``upstream``: one subscription opened at the owning subgraph (in process or over a real
  WebSocket, ``sockets``), signed with a router identity token per ``subscribe`` message;
  multiplexed over one connection per (router process, subgraph).
- ``users``: the per-user subscription limit, shared by router instances through Redis.
- ``federated``: glue - plan the subscription operation, open the upstream stream for its
  root field, and for every event resolve the other subgraphs' fields via ``_entities``
  before the merged payload is pushed.
"""
