"""Schema lint over the composed supergraph: inputs never carry who the caller is or what
something costs; every entity is keyed by ``id: ID!``."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import GraphQLInputObjectType, GraphQLNonNull, GraphQLObjectType, build_schema, get_named_type

from supergraph.spec.api_schema import api_schema_sdl

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


def _covers(outer, inner) -> bool:
    """Whoever passes ``outer`` (the requiring field's ``Requirement``) passes ``inner``:
    each of inner's scope entries is implied by one of outer's (every way to meet that outer
    entry holds one of inner's alternatives)."""
    if inner.authenticated and not outer.authenticated:
        return False
    return all(any(all(any(need <= have for need in inner_entry) for have in outer_entry)
                   for outer_entry in outer.scopes)
               for inner_entry in inner.scopes)


def test_a_field_using_requires_is_guarded_like_the_fields_it_requires():
    """The router checks ``@authenticated``/``@requiresScopes`` (on fields and on the types
    they return) on the client's operation, not on the fields it adds for ``@requires``: a
    field computed from guarded fields must carry the same guard, or it would hand a caller
    what the guard keeps from them. Read with the router's own rules."""
    from graphql import ObjectTypeDefinitionNode, parse

    from supergraph.planning.supergraph import Supergraph
    from supergraph.request.authorization import AuthorizationRules

    supergraph = Supergraph.from_sdl(SUPERGRAPH)
    rules = AuthorizationRules(supergraph.document, supergraph.specs.prefix("authenticated"),
                               supergraph.specs.prefix("requiresScopes"))
    types = {d.name.value: d for d in supergraph.document.definitions
             if isinstance(d, ObjectTypeDefinitionNode)}

    def named(type_node) -> str:
        while not hasattr(type_node, "name"):
            type_node = type_node.type
        return type_node.name.value

    def guarded(type_name: str, selections) -> list:
        out = []
        for selection in selections:
            definition = next(f for f in types[type_name].fields or ()
                              if f.name.value == selection.name.value)
            returns = named(definition.type)
            out.append((f"{type_name}.{selection.name.value}",
                        rules.for_field(type_name, selection.name.value, returns)))
            if selection.selection_set is not None:
                out += guarded(returns, selection.selection_set.selections)
        return out

    checked, offenders = 0, []
    for type_name, type_def in types.items():
        for field in type_def.fields or ():
            for directive in field.directives or ():
                requires = [a.value.value for a in directive.arguments or ()
                            if directive.name.value == "join__field" and a.name.value == "requires"]
                for field_set in requires:
                    checked += 1
                    selections = parse("{" + field_set + "}").definitions[0].selection_set
                    own = rules.for_field(type_name, field.name.value, named(field.type))
                    offenders += [f"{type_name}.{field.name.value} requires {name}"
                                  for name, needed in guarded(type_name, selections.selections)
                                  if not _covers(own, needed)]
    assert checked >= 2  # feedingGuide, foodSuggestions
    assert offenders == []


def test_guard_coverage_rule():
    from supergraph.request.authorization import Requirement

    def scopes(*alternatives):
        return Requirement(True, (tuple(frozenset(a) for a in alternatives),))

    medical = scopes({"medical:read"})
    assert _covers(medical, medical)
    assert _covers(scopes({"medical:read", "orders:read"}), medical)
    assert _covers(scopes({"medical:read"}) + scopes({"orders:read"}), medical)
    assert _covers(medical, scopes({"medical:read"}, {"admin"}))  # either will do
    assert not _covers(scopes({"medical:read"}, {"admin"}), medical)
    assert not _covers(Requirement(), medical)
    assert not _covers(Requirement(authenticated=True), medical)
    assert not _covers(scopes({"orders:read"}), medical)
    assert _covers(Requirement(), Requirement())
    assert not _covers(Requirement(), Requirement(authenticated=True))
