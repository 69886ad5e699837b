"""Conformance features; ``ALL`` lists them in a stable order."""

from tests.support.conformance.features import (
    abstract,
    abstract_edges,
    auth,
    directives,
    entities,
    errors,
    implementations,
    interface_object,
    operations,
    planning_edges,
    requires_chain,
    shared_root,
)

ALL = [
    entities.FEATURE,
    directives.FEATURE,
    abstract.FEATURE,
    implementations.FEATURE,
    interface_object.FEATURE,
    operations.FEATURE,
    errors.FEATURE,
    errors.SLOW,
    shared_root.FEATURE,
    requires_chain.FEATURE,
    auth.FEATURE,
    planning_edges.FEATURE,
    abstract_edges.FEATURE,
]
