"""Entity representations: fields read under internal aliases, field-set fragments."""

from supergraph.execution.merge import project
from supergraph.planning.plan import RequiredField

AUTHOR_FRAGMENT = (
    RequiredField("id"),
    RequiredField("author", (RequiredField("... on Writer", (RequiredField("penName"),), None,
                                           frozenset({"Writer"})),)),
)


def test_field_is_read_under_its_internal_alias_and_sent_under_its_name():
    assert project({"upc": "Chair", "_pg_upc": "1"}, (RequiredField("upc", None, "_pg_upc"),)) == {"upc": "1"}


def test_field_set_fragment_applies_to_matching_types_only():
    writer = {"id": "b1", "author": {"__typename": "Writer", "penName": "X"}}
    studio = {"id": "b2", "author": {"__typename": "Studio"}}
    assert project(writer, AUTHOR_FRAGMENT) == {"id": "b1", "author": {"penName": "X"}}
    assert project(studio, AUTHOR_FRAGMENT) == {"id": "b2", "author": {}}


def test_missing_required_field_gives_no_representation():
    assert project({"id": "b1"}, AUTHOR_FRAGMENT) is None
