"""Composition errors: every problem reported in one run, with Apollo's codes and the subgraphs involved."""

from supergraph.composition import SubgraphSpec, compose

LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@override"])\n'

PROFILES_SDL = LINK + """
type Pet @key(fields: "id") @key(fields: "nickname") {
  id: ID!
  age: Int @shareable
  tags: [String!]!
}
type Owner @key(fields: "tags") { tags: [String!]! }
enum Species { DOG }
type Query { pet(id: ID!): Pet }
"""

CHRONIC_CARE_SDL = LINK + """
type Pet @key(fields: "id") {
  id: ID!
  age: String @shareable
  weight: Float @external
  dose: Float @requires(fields: "weigth")
}
type Species { name: String }
type Query { pet(id: ID!): Pet }
"""

TRAINING_SDL = LINK + """
type Pet @key(fields: "id") {
  id: ID!
  trainer: Trainer
}
type Trainer @key(fields: "id") {
  id: ID!
  name: String @external
}
type Query { trainer: Trainer @provides(fields: "name") }
"""


def _codes(result):
    return sorted(error.code for error in result.errors)


def _error(result, code):
    matches = [error for error in result.errors if error.code == code]
    assert matches, f"no {code} in {result.errors}"
    return matches[0]


def _compose(*pairs):
    return compose([SubgraphSpec(name, f"http://{name}/graphql", sdl) for name, sdl in pairs])


def test_broken_subgraphs_report_every_error_at_once():
    result = _compose(("profiles", PROFILES_SDL), ("chronic_care", CHRONIC_CARE_SDL), ("training", TRAINING_SDL))

    assert result.supergraph_sdl is None
    assert _codes(result) == sorted([
        "EXTERNAL_UNUSED",  # Pet.weight: the @requires misspells it
        "EXTERNAL_MISSING_ON_BASE",  # Trainer.name
        "EXTERNAL_MISSING_ON_BASE",  # Pet.weight
        "FIELD_TYPE_MISMATCH",  # Pet.age
        "INVALID_FIELD_SHARING",  # Query.pet
        "KEY_FIELDS_SELECT_INVALID_TYPE",  # Owner @key(fields: "tags")
        "KEY_INVALID_FIELDS",  # Pet @key(fields: "nickname")
        "REQUIRES_INVALID_FIELDS",  # @requires(fields: "weigth")
        "TYPE_KIND_MISMATCH",  # Species
    ])


def test_non_shareable_field_names_every_resolving_subgraph():
    result = _compose(("profiles", PROFILES_SDL), ("chronic_care", CHRONIC_CARE_SDL))

    error = _error(result, "INVALID_FIELD_SHARING")
    assert error.subgraphs == ("chronic_care", "profiles")
    assert '"Query.pet"' in error.message


def test_field_type_mismatch_names_both_types_and_subgraphs():
    error = _error(_compose(("profiles", PROFILES_SDL), ("chronic_care", CHRONIC_CARE_SDL)), "FIELD_TYPE_MISMATCH")

    assert error.subgraphs == ("chronic_care", "profiles")
    assert 'type "String" in subgraph "chronic_care"' in error.message
    assert 'type "Int" in subgraph "profiles"' in error.message


def test_type_kind_mismatch_names_the_kinds():
    error = _error(_compose(("profiles", PROFILES_SDL), ("chronic_care", CHRONIC_CARE_SDL)), "TYPE_KIND_MISMATCH")

    assert error.message == (
        'Type "Species" has mismatched kind: it is defined as Object Type in subgraph "chronic_care", '
        'Enum Type in subgraph "profiles"'
    )


def test_external_field_without_base_definition_is_reported():
    error = _error(_compose(("training", TRAINING_SDL)), "EXTERNAL_MISSING_ON_BASE")

    assert error.subgraphs == ("training",)
    assert '"Trainer.name"' in error.message


def test_invalid_graphql_is_reported_with_the_other_subgraphs_errors():
    result = _compose(("broken", "type Query { pet: }"), ("training", TRAINING_SDL))

    assert _codes(result) == ["EXTERNAL_MISSING_ON_BASE", "INVALID_GRAPHQL"]
    assert _error(result, "INVALID_GRAPHQL").subgraphs == ("broken",)


def test_duplicate_subgraph_names_are_rejected():
    result = _compose(("profiles", "type Query { a: Int }"), ("profiles", "type Query { b: Int }"))

    assert _error(result, "DUPLICATE_SUBGRAPH_NAME").subgraphs == ("profiles",)


def test_supergraph_without_query_fields_is_rejected():
    sdl = LINK + 'type Pet @key(fields: "id") { id: ID! }\ntype Query {\n  _service: _Service!\n}\ntype _Service { sdl: String }'

    result = _compose(("profiles", sdl))

    assert _codes(result) == ["NO_QUERIES"]


def test_required_argument_missing_in_a_subgraph_is_reported():
    a = LINK + "type Query { pets(first: Int!): [Int] @shareable }"
    b = LINK + "type Query { pets: [Int] @shareable }"

    result = _compose(("a", a), ("b", b))

    assert _error(result, "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH").subgraphs == ("a", "b")


def test_required_input_field_missing_in_a_subgraph_is_reported():
    a = LINK + "input F { x: Int!, y: Int }\ntype Query { a(f: F): Int }"
    b = LINK + "input F { y: Int }\ntype Query { b(f: F): Int }"

    result = _compose(("a", a), ("b", b))

    assert _codes(result) == ["REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH"]


def test_requires_on_a_field_that_is_not_external_is_reported():
    sdl = LINK + 'type Pet @key(fields: "id") { id: ID! weight: Float dose: Float @requires(fields: "weight") }\ntype Query { pet: Pet }'

    assert _codes(_compose(("a", sdl))) == ["REQUIRES_FIELDS_MISSING_EXTERNAL"]


def test_provides_on_a_scalar_field_is_reported():
    sdl = LINK + 'type Query { name: String @provides(fields: "x") }'

    assert _codes(_compose(("a", sdl))) == ["PROVIDES_ON_NON_OBJECT_FIELD"]


def test_override_from_own_subgraph_is_reported():
    sdl = LINK + 'type Query { name: String @override(from: "a") }'

    assert _codes(_compose(("a", sdl))) == ["OVERRIDE_FROM_SELF_ERROR"]


def test_enum_used_as_input_and_output_must_match_everywhere():
    a = LINK + "enum E { X Y }\ntype Query { a(e: E): E }"
    b = LINK + "enum E { X }\ntype Query { b: E }"

    errors = _compose(("a", a), ("b", b)).errors

    assert [(e.code, e.subgraphs) for e in errors] == [("ENUM_VALUE_MISMATCH", ("a", "b"))]
