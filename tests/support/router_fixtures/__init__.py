"""Small Strawberry federation subgraphs (in-memory data) for router e2e tests."""
