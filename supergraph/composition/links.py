"""Resolve how a subgraph names the federation directives.

A Federation 2 subgraph links the spec with
`@link(url: "https://specs.apollo.dev/federation/v2.x", import: ["@key", {name: "@shareable", as: "@share"}])`.
Imported directives are used under their (possibly renamed) local name; the rest are
reachable as `federation__<name>` (or `<as>__<name>` when the link sets `as:`). A subgraph
without that link is a Federation 1 subgraph: directives are used under their bare names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphql import (
    DocumentNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    value_from_ast_untyped,
)

FEDERATION_DIRECTIVES = frozenset(
    {
        "key", "shareable", "external", "requires", "provides", "override",
        "inaccessible", "tag", "extends", "interfaceObject", "authenticated",
        "requiresScopes", "policy", "composeDirective", "context", "fromContext",
        "cost", "listSize",
    }
)
_FEDERATION_URL = re.compile(r"^https?://specs\.apollo\.dev/federation/v(\d+)\.(\d+)/?$")
# The demand-control spec linked on its own (as Apollo's supergraphs do, and subgraphs may).
_COST_URL = re.compile(r"^https?://specs\.apollo\.dev/cost/v\d+\.\d+/?$")
COST_DIRECTIVES = ("cost", "listSize")


@dataclass
class LinkResolution:
    """Maps local directive names to canonical federation names."""

    fed2: bool = False
    version: tuple[int, int] = (1, 0)
    local_to_canonical: dict[str, str] = field(default_factory=dict)
    link_names: set[str] = field(default_factory=lambda: {"link"})
    foreign_prefixes: set[str] = field(default_factory=set)

    def canonical(self, local_name: str) -> str | None:
        return self.local_to_canonical.get(local_name)


def _schema_nodes(document: DocumentNode) -> list[SchemaDefinitionNode | SchemaExtensionNode]:
    return [d for d in document.definitions if isinstance(d, SchemaDefinitionNode | SchemaExtensionNode)]


def _imports(raw: object) -> list[tuple[str, str]]:
    """`import:` argument -> [(canonical "@key", local "@key")]."""
    result: list[tuple[str, str]] = []
    for item in raw or []:
        if isinstance(item, str):
            result.append((item, item))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            result.append((item["name"], item.get("as") or item["name"]))
    return result


def resolve_links(document: DocumentNode) -> LinkResolution:
    resolution = LinkResolution()
    links = []
    for node in _schema_nodes(document):
        for directive in node.directives or ():
            if directive.name.value == "link":
                args = {a.name.value: value_from_ast_untyped(a.value) for a in directive.arguments or ()}
                links.append(args)
    cost_names: dict[str, str] = {}
    for args in links:
        url = str(args.get("url") or "")
        if _COST_URL.match(url):
            cost_names.update(_cost_names(args))
            continue
        match = _FEDERATION_URL.match(url)
        if match is None:
            parts = url.rstrip("/").split("/")
            prefix = args.get("as") or (parts[-2] if len(parts) >= 2 else None)
            if isinstance(prefix, str) and prefix:
                resolution.foreign_prefixes.add(prefix)
            continue
        resolution.fed2 = True
        resolution.version = (int(match.group(1)), int(match.group(2)))
        prefix = args.get("as") or "federation"
        mapping = {f"{prefix}__{name}": name for name in FEDERATION_DIRECTIVES}
        for canonical, local in _imports(args.get("import")):
            name = canonical.lstrip("@")
            if canonical.startswith("@") and name in FEDERATION_DIRECTIVES:
                mapping[local.lstrip("@")] = name
        resolution.local_to_canonical = mapping
        resolution.foreign_prefixes.add(prefix)
    if not resolution.fed2:
        resolution.local_to_canonical = {name: name for name in FEDERATION_DIRECTIVES}
    resolution.local_to_canonical.update(cost_names)
    return resolution


def _cost_names(args: dict) -> dict[str, str]:
    """Local names of a cost-spec link: ``<as>__cost`` and the imports (possibly renamed)."""
    prefix = args.get("as") or "cost"
    names = {f"{prefix}__{name}": name for name in COST_DIRECTIVES}
    for canonical, local in _imports(args.get("import")):
        if canonical.lstrip("@") in COST_DIRECTIVES:
            names[local.lstrip("@")] = canonical.lstrip("@")
    return names
