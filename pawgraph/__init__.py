"""Pawgraph: one GraphQL API for pet health.

This package is the thin app shell: the CLI (`pawgraph.cli`), settings (`pawgraph.settings`),
the demo-data generator (`pawgraph.demo`) and the process orchestration of `pawgraph dev`
(`pawgraph.devserver`). `python3 -m pawgraph ...` bootstraps the project's virtualenv first
(`pawgraph.__main__`), so this module must import nothing outside the standard library.
"""
