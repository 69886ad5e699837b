"""The bench workloads: documents plus a pool of request variants (variables, token).

Every workload cycles through several variants so that no two in-flight requests are
identical (no router gets free wins from de-duplicating them). ``MyPets`` has no variables:
its variants differ in the access token (a distinct ``scope`` claim per variant), so the
subgraph requests differ in their router identity token. ``first-time-planning`` sends
``PetDashboard`` with a never-seen alias per request (``plan_<salt>_<n>: __typename`` at the
root, which routers answer themselves): a new document (not only a new text: routers that
share work between texts of the same tokens still parse, validate and plan it), so
parse/validate/plan caches miss every time, while the subgraph requests stay the recorded ones.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import orjson

from pawgraph.clientops import load_client
from pawgraph.demo import World
from pawgraph.demo.model import Owner

VARIANTS = 20
MY_PETS_OWNERS = {1: "single@demo.test", 10: "breeder@demo.test", 100: "shelter@demo.test",
                  500: "kennel@bench.test"}

PASS_THROUGH = """query ClinicCard($id: ID!) {
  clinic(id: $id) { id name address city phone services latitude longitude }
}"""

ENTITY_CHAIN = """query VisitPayments($id: ID!) {
  pet(id: $id) {
    id
    name
    visits(last: 3) { id startsAt status payment { id status amount { amountCents currency } } }
  }
}"""


@dataclass
class Workload:
    name: str
    document: str
    operation: str
    variants: list[tuple[dict, str]]  # (variables, authorization header value)
    list_size: int | None = None
    new_document_each_time: bool = False
    gate_variants: int | None = None  # gate the first N only (variants equal but for the token)
    skipped: str | None = None
    _salt: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    _fresh: Iterator[int] = field(default_factory=itertools.count)

    def gated(self) -> list[tuple[bytes, str]]:
        """(body, authorization) of the variants the correctness gate (and recording) sends."""
        pairs = list(zip(self.payloads(), (auth for _, auth in self.variants)))
        return pairs[:self.gate_variants] if self.gate_variants else pairs

    def payloads(self) -> list[bytes]:
        """One serialized request body per variant (as the gate and replay recording use)."""
        return [orjson.dumps({"query": self.document, "operationName": self.operation,
                              "variables": variables}) for variables, _ in self.variants]

    def stream(self) -> Iterator[tuple[bytes, dict[str, str]]]:
        """Endless request stream for the load generator, cycling over the variants."""
        bodies = self.payloads()
        headers = [{"content-type": "application/json", "authorization": auth}
                   for _, auth in self.variants]
        for i in itertools.cycle(range(len(bodies))):
            if self.new_document_each_time:
                variables = self.variants[i][0]
                head, brace, rest = self.document.partition("{")
                document = (f"{head}{brace}\n  plan_{self._salt}_{next(self._fresh)}: "
                            f"__typename{rest}")
                yield orjson.dumps({"query": document, "operationName": self.operation,
                                    "variables": variables}), headers[i]
            else:
                yield bodies[i], headers[i]


def _owner(world: World, email: str) -> Owner:
    return next(o for o in world.owners if o.email == email)


def build_workloads(world: World, issue: Callable[..., str], supergraph_sdl: str) -> list[Workload]:
    """``issue(owner_id, scopes)`` -> access token."""
    vue = load_client("vue")
    dashboard, my_pets = vue["PetDashboard"].document, vue["MyPets"].document
    shelter = _owner(world, "shelter@demo.test")

    def bearer(owner: Owner, k: int = 0) -> str:
        return f"Bearer {issue(owner.id, [f'bench.v{k}'])}"

    pets = [p for p in world.pets if p.owner_id == shelter.id][:VARIANTS]
    pet_variants = [({"id": p.id}, bearer(shelter)) for p in pets]
    clinics = [({"id": c.id}, bearer(shelter)) for c in world.clinics[:VARIANTS]]
    workloads = [Workload("pet-dashboard", dashboard, "PetDashboard", pet_variants, 1)]
    for size, email in MY_PETS_OWNERS.items():
        owner = _owner(world, email)
        variants: list[tuple[dict, str]] = [({}, bearer(owner, k)) for k in range(VARIANTS)]
        workloads.append(Workload(f"my-pets-{size}", my_pets, "MyPets", variants, size,
                                  gate_variants=1))
    workloads += [
        Workload("pass-through", PASS_THROUGH, "ClinicCard", clinics),
        Workload("entity-chain-3-hops", ENTITY_CHAIN, "VisitPayments", pet_variants),
        requires_workload(supergraph_sdl, pet_variants),
        Workload("first-time-planning", dashboard, "PetDashboard", pet_variants, 1,
                 new_document_each_time=True),
    ]
    return workloads


_REQUIRES = re.compile(r"^\s+(\w+)(\([^)]*\))?: ([^@\n]+?) @join__field\([^)]*requires: ",
                       re.MULTILINE)


def requires_workload(supergraph_sdl: str, pet_variants: list) -> Workload:
    """``pet(id) { <a Pet field resolved with @requires> }``, when the supergraph has one."""
    from graphql import GraphQLObjectType, build_ast_schema, get_named_type, is_leaf_type, parse

    from supergraph.spec.api_schema import api_schema_sdl

    name = "requires"
    pet_block = re.search(r"\ntype Pet\b[^{]*\{(.*?)\n\}", supergraph_sdl, re.S)
    match = _REQUIRES.search(pet_block.group(1)) if pet_block else None
    if match is None:
        return Workload(name, "", "Requires", [], skipped="no Pet field uses @requires in "
                        "schema.graphql (nothing to measure yet)")
    schema = build_ast_schema(parse(api_schema_sdl(supergraph_sdl)))
    pet = schema.type_map["Pet"]
    assert isinstance(pet, GraphQLObjectType), "Pet is an object type"
    field_def = pet.fields[match.group(1)]
    named = get_named_type(field_def.type)
    selection = "" if is_leaf_type(named) else " { " + " ".join(
        f for f, d in named.fields.items()
        if is_leaf_type(get_named_type(d.type)) and not d.args) + " }"
    document = (f"query Requires($id: ID!) {{\n  pet(id: $id) {{ id {match.group(1)}"
                f"{selection} }}\n}}")
    return Workload(name, document, "Requires", pet_variants)
