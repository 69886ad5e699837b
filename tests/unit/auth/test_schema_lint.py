"""Schema lint over the composed supergraph: inputs never carry who the caller is or what
something costs; every entity is keyed by ``id: ID!``."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import (GraphQLInputObjectType, GraphQLNonNull, GraphQLObjectType, build_schema,
                     get_named_type)

from supergraph.composition import api_schema_sdl

ROOT = Path(__file__).resolve().parents[3]
SUPERGRAPH = (ROOT / "schema.graphql").read_text()

# Caller identity (the token says who calls) and money (stored rows say what it costs).
FORBIDDEN_INPUT_FIELD = re.compile(
    r"^(user|owner|caller|account|customer|buyer|payer|creator|actor|requester)(Id|Uuid|Email)?$"
    r"|^(createdBy|requestedBy|issuedBy)$"
    r"|(price|amount|total|cost|fee|subtotal|discountValue)(Cents)?$", re.IGNORECASE)


def _api_schema():
    return build_schema(api_schema_sdl(SUPERGRAPH))


def _input_fields(schema):
    for type_ in schema.type_map.values():
        if isinstance(type_, GraphQLInputObjectType) and not type_.name.startswith("__"):
            for name in type_.fields:
                yield type_.name, name


def test_no_input_carries_caller_identity_or_price():
    offenders = [f"{t}.{f}" for t, f in _input_fields(_api_schema())
                 if FORBIDDEN_INPUT_FIELD.search(f)]
    assert offenders == []


def test_no_root_field_argument_carries_caller_identity_or_price():
    schema = _api_schema()
    offenders = []
    for root in (schema.query_type, schema.mutation_type):
        for field_name, field in (root.fields if root else {}).items():
            offenders += [f"{root.name}.{field_name}({a})" for a in field.args
                          if FORBIDDEN_INPUT_FIELD.search(a)]
    assert offenders == []


def test_lint_pattern_catches_the_classic_mistakes():
    for bad in ["userId", "ownerId", "price", "amountCents", "totalCents", "customerEmail"]:
        assert FORBIDDEN_INPUT_FIELD.search(bad), bad
    for fine in ["petId", "appointmentId", "refreshToken", "email", "clinicId", "quantity"]:
        assert not FORBIDDEN_INPUT_FIELD.search(fine), fine


def _entity_keys(sdl: str) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for match in re.finditer(r"^type (\w+)\n((?:  @join__type\([^\n]*\)\n)+)", sdl, re.M):
        for key in re.findall(r'key: "([^"]+)"', match.group(2)):
            keys.setdefault(match.group(1), set()).add(key)
    return keys


def test_every_entity_is_keyed_by_a_non_null_id():
    schema = _api_schema()
    keys = _entity_keys(SUPERGRAPH)
    assert keys, "no entities found in schema.graphql"
    for type_name, type_keys in keys.items():
        assert type_keys == {"id"}, (type_name, type_keys)
        type_ = schema.type_map[type_name]
        assert isinstance(type_, GraphQLObjectType)
        id_type = type_.fields["id"].type
        assert isinstance(id_type, GraphQLNonNull) and get_named_type(id_type).name == "ID", (
            type_name, str(id_type))
