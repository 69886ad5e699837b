"""Conformance features; ``ALL`` lists them in a stable order."""

from tests.e2e.conformance.features import (
    abstract, auth, directives, entities, errors, interface_object, operations, shared_root,
)

ALL = [
    entities.FEATURE,
    directives.FEATURE,
    abstract.FEATURE,
    interface_object.FEATURE,
    operations.FEATURE,
    errors.FEATURE,
    errors.SLOW,
    shared_root.FEATURE,
    auth.FEATURE,
]
