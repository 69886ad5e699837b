"""`@link` (and Federation 1's `@core`) on a schema: which specs it links, under which names.

`read_links(document)` reads every `@link(url:, as:, for:, import:)` / `@core(feature:, as:)`
on the schema definition and extensions into `Link`s (spec name and version from the URL,
the prefix, the imports as (canonical, local) pairs). Two views are built on them:

* `federation_names(document)` -> `LinkResolution`, for a SUBGRAPH: the local name of each
  federation directive (`@key`, renamed imports, `federation__*`, the cost spec's
  `@cost`/`@listSize`) mapped to its canonical name; no federation link = Federation 1
  (bare names). Used by composition (`supergraph.composition.subgraph`).
* `LinkedSpecs.of(document)`, for a SUPERGRAPH: the prefix of each linked Apollo spec
  (`join`, `link`, `inaccessible`, `authenticated`, `requiresScopes`, `cost`, ...), its
  imported names, and which directive / type names are such spec machinery. Used by the
  API schema derivation (`supergraph.spec.api_schema`) and the router
  (`supergraph.planning.supergraph`: `join__*` names; `supergraph.router`: the security
  directives' names).

Only specs hosted on specs.apollo.dev are machinery: a supergraph may link other specs for
directives kept with `@composeDirective`, which belong to the API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from graphql import DocumentNode, SchemaDefinitionNode, SchemaExtensionNode, value_from_ast_untyped

APOLLO_SPECS_HOST = "specs.apollo.dev"
_VERSIONED = re.compile(r"^(?:.*/)?([A-Za-z_][A-Za-z0-9_]*)/v(\d+)\.(\d+)/?$")

FEDERATION_DIRECTIVES = frozenset(
    {
        "key", "shareable", "external", "requires", "provides", "override",
        "inaccessible", "tag", "extends", "interfaceObject", "authenticated",
        "requiresScopes", "policy", "composeDirective", "context", "fromContext",
        "cost", "listSize",
    }
)
# The demand-control spec linked on its own (as Apollo's supergraphs do, and subgraphs may).
COST_DIRECTIVES = ("cost", "listSize")


@dataclass(frozen=True)
class Link:
    """One `@link` / `@core`: `https://specs.apollo.dev/join/v0.5` -> name `join`, (0, 5)."""

    url: str
    name: str | None  # from the URL: `<name>/vX.Y`, else its last-but-one segment
    version: tuple[int, int] | None  # None when the URL carries no `vX.Y`
    prefix: str | None  # `as:`, else the name
    imports: tuple[tuple[str, str], ...] = ()  # (canonical, local): ("@key", "@id"), ("FieldSet", ...)

    @property
    def apollo(self) -> bool:
        """Hosted on specs.apollo.dev (federation's own specs)."""
        url = urlsplit(self.url)
        return url.scheme in ("http", "https") and url.netloc == APOLLO_SPECS_HOST

    def is_spec(self, name: str) -> bool:
        """Exactly `https://specs.apollo.dev/<name>/vX.Y` (`federation`, `cost`, ...)."""
        segments = [s for s in urlsplit(self.url).path.split("/") if s]
        return self.apollo and self.version is not None and self.name == name and len(segments) == 2


def _imports(raw: object) -> tuple[tuple[str, str], ...]:
    """`import:` argument -> ((canonical "@key", local "@key"), ...)."""
    result: list[tuple[str, str]] = []
    for item in raw if isinstance(raw, list) else ():
        if isinstance(item, str):
            result.append((item, item))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            local = item.get("as")
            result.append((item["name"], local if isinstance(local, str) else item["name"]))
    return tuple(result)


def _link(args: dict) -> Link:
    url = str(args.get("url") or args.get("feature") or "")
    path = urlsplit(url).path if "://" in url else url
    match = _VERSIONED.match(path)
    if match is not None:
        name: str | None = match.group(1)
        version: tuple[int, int] | None = (int(match.group(2)), int(match.group(3)))
    else:
        parts = url.rstrip("/").split("/")
        name, version = (parts[-2] if len(parts) >= 2 else None), None
    prefix = args.get("as")
    return Link(url, name, version, prefix if isinstance(prefix, str) and prefix else name,
                _imports(args.get("import")))


def read_links(document: DocumentNode, directives: tuple[str, ...] = ("link", "core")) -> list[Link]:
    """Every link on the schema definition / extensions, in document order."""
    links = []
    for node in document.definitions:
        if isinstance(node, SchemaDefinitionNode | SchemaExtensionNode):
            for directive in node.directives or ():
                if directive.name.value in directives:
                    args = {a.name.value: value_from_ast_untyped(a.value) for a in directive.arguments or ()}
                    links.append(_link(args))
    return links


# ---- a subgraph: federation directive names ------------------------------------------


@dataclass
class LinkResolution:
    """Maps a subgraph's local directive names to canonical federation names."""

    fed2: bool = False
    version: tuple[int, int] = (1, 0)
    local_to_canonical: dict[str, str] = field(default_factory=dict)
    foreign_prefixes: set[str] = field(default_factory=set)

    def canonical(self, local_name: str) -> str | None:
        return self.local_to_canonical.get(local_name)


def federation_names(document: DocumentNode) -> LinkResolution:
    """How a subgraph names the federation directives.

    A Federation 2 subgraph links the spec with `@link(url:
    "https://specs.apollo.dev/federation/v2.x", import: ["@key", {name: "@shareable", as:
    "@share"}])`. Imported directives are used under their (possibly renamed) local name; the
    rest are reachable as `federation__<name>` (or `<as>__<name>` when the link sets `as:`).
    A subgraph without that link is a Federation 1 subgraph: directives keep their bare names.
    """
    resolution = LinkResolution()
    cost_names: dict[str, str] = {}
    for link in read_links(document, ("link",)):
        if link.is_spec("cost"):
            cost_names.update(_renamed(link, COST_DIRECTIVES))
        elif link.is_spec("federation"):
            resolution.fed2 = True
            resolution.version = link.version or (2, 0)
            resolution.local_to_canonical = _renamed(link, FEDERATION_DIRECTIVES)
            resolution.foreign_prefixes.add(link.prefix or "federation")
        elif link.prefix:
            resolution.foreign_prefixes.add(link.prefix)
    if not resolution.fed2:
        resolution.local_to_canonical = {name: name for name in FEDERATION_DIRECTIVES}
    resolution.local_to_canonical.update(cost_names)
    return resolution


def _renamed(link: Link, directives) -> dict[str, str]:
    """Local name -> canonical name of a spec's directives: `<prefix>__<name>` and imports."""
    prefix = link.prefix
    names = {f"{prefix}__{name}": name for name in directives}
    for canonical, local in link.imports:
        name = canonical.lstrip("@")
        if canonical.startswith("@") and name in directives:
            names[local.lstrip("@")] = name
    return names


# ---- a supergraph: which names are spec machinery --------------------------------------


@dataclass
class LinkedSpecs:
    """Names under which the linked Apollo specs appear in one supergraph."""

    prefixes: dict[str, str] = field(default_factory=lambda: {"core": "core", "link": "link", "join": "join"})
    # imported names: local directive -> (spec, canonical directive); imported types
    directives: dict[str, tuple[str, str]] = field(default_factory=dict)
    types: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document: DocumentNode) -> "LinkedSpecs":
        specs = cls()
        for link in read_links(document):
            if not link.apollo or not link.name or not link.prefix:
                continue
            specs.prefixes[link.name] = link.prefix
            for canonical, local in link.imports:
                if canonical.startswith("@"):
                    specs.directives[local.lstrip("@")] = (link.name, canonical.lstrip("@"))
                else:
                    specs.types.add(local)
        return specs

    def prefix(self, spec: str) -> str:
        return self.prefixes.get(spec, spec)

    def directive(self, spec: str, name: str) -> str:
        """`directive("join", "type")` -> `join__type` (under the link's `as:`)."""
        return f"{self.prefix(spec)}__{name}"

    def directive_name(self, spec: str, name: str) -> str:
        """The local name of a spec's directive: its import, the prefix for the spec's
        namesake (`@inaccessible`), else `<prefix>__<name>`."""
        for local, imported in self.directives.items():
            if imported == (spec, name):
                return local
        return self.prefix(spec) if name == spec else self.directive(spec, name)

    def _prefixed(self, name: str) -> bool:
        return any(name.startswith(f"{p}__") for p in self.prefixes.values())

    def is_spec_directive(self, name: str) -> bool:
        return name in self.prefixes.values() or name in self.directives or self._prefixed(name)

    def is_spec_type(self, name: str) -> bool:
        return name in self.types or self._prefixed(name)
