"""The client operations in ``client-queries/``: each operation with the fragments it uses.

Fragments may live in any file of the same client folder (``vue/``, ``flutter/``, ...); an
operation's full document is its definition plus the transitive closure of its fragments,
printed in a stable order (what a persisted-query manifest stores).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphql import FragmentDefinitionNode, FragmentSpreadNode, OperationDefinitionNode, parse, print_ast, visit
from graphql.language import Visitor

ROOT = Path(__file__).resolve().parent.parent / "client-queries"


@dataclass(frozen=True)
class ClientOperation:
    client: str
    name: str
    document: str


def _spreads(node) -> set[str]:
    names: set[str] = set()

    class Collect(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_):
            names.add(spread.name.value)

    visit(node, Collect())
    return names


def _closure(node, fragments: dict[str, FragmentDefinitionNode]) -> list[str]:
    seen: set[str] = set()
    todo = sorted(_spreads(node))
    while todo:
        name = todo.pop()
        if name in seen or name not in fragments:
            continue
        seen.add(name)
        todo.extend(sorted(_spreads(fragments[name])))
    return sorted(seen)


def load_client(client: str, root: Path = ROOT) -> dict[str, ClientOperation]:
    operations: list[OperationDefinitionNode] = []
    fragments: dict[str, FragmentDefinitionNode] = {}
    for path in sorted((root / client).glob("*.graphql")):
        for definition in parse(path.read_text()).definitions:
            if isinstance(definition, FragmentDefinitionNode):
                fragments[definition.name.value] = definition
            elif isinstance(definition, OperationDefinitionNode):
                operations.append(definition)
    out: dict[str, ClientOperation] = {}
    for op in operations:
        if op.name is None:
            raise ValueError(f"client-queries/{client}: every operation needs a name")
        if op.name.value in out:
            raise ValueError(f"client-queries/{client}: two operations named {op.name.value}")
        parts = [print_ast(op)] + [print_ast(fragments[n]) for n in _closure(op, fragments)]
        out[op.name.value] = ClientOperation(client, op.name.value, "\n\n".join(parts))
    return out


def load_all(root: Path = ROOT) -> list[ClientOperation]:
    clients = sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.graphql")))
    return [op for client in clients for op in load_client(client, root).values()]
