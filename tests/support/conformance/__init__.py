"""Federation conformance cases for the router (data-driven; see ``harness``).

``features/`` holds one module per area (entities, directives, abstract types,
implementations, @interfaceObject, operations, errors, shared roots, @requires chains,
authorization); each case runs in-process and over HTTP (the tests in
``tests/e2e/conformance/``) and some are planned in unit tests. Subgraphs are
``cannedgraph.CannedSubgraph``: an SDL plus canned data and tiny resolvers, served by
graphql-core.
"""
