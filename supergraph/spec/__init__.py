"""The federation specs, read in one place for composition and the router.

- ``links``: ``@link`` / ``@core`` applications - which specs a schema links, under which
  prefixes and imported names (a subgraph's federation directives; a supergraph's
  ``join__`` / ``@inaccessible`` / security names).
- ``api_schema``: the client-facing schema of a supergraph (the router's ``api_schema`` and
  ``planning_schema``, the manifest's and bench's printed SDL).
- ``field_sets``: ``@key(fields:)`` / ``@requires`` / ``@provides`` selections.
- ``types``: type references (``[Pet!]!``) of the SDL's AST.
"""
