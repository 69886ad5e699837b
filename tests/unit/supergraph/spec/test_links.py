"""supergraph.spec.links: one reader of @link for subgraphs (federation names) and
supergraphs (which names are spec machinery)."""

from graphql import parse

from supergraph.spec.links import LinkedSpecs, federation_names, read_links

SUBGRAPH = '''
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.9", as: "fed", import: [{name: "@key", as: "@id"}, "@external"])
  @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])
  @link(url: "https://example.com/access/v1.0", import: ["@access"])
type Query { a: Int }
'''

SUPERGRAPH = '''
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.5", as: "j", for: EXECUTION)
  @link(url: "https://specs.apollo.dev/inaccessible/v0.2", as: "hidden", for: SECURITY)
  @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@cost", {name: "@listSize", as: "@size"}])
  @link(url: "https://example.com/access/v1.0", import: ["@access"])
{ query: Query }
type Query { a: Int }
'''


def test_links_are_read_with_name_version_prefix_and_imports():
    links = read_links(parse(SUBGRAPH))

    assert [(link.name, link.version, link.prefix) for link in links] == [
        ("federation", (2, 9), "fed"), ("cost", (0, 1), "cost"), ("access", (1, 0), "access")]
    assert links[0].imports == (("@key", "@id"), ("@external", "@external"))
    assert [link.apollo for link in links] == [True, True, False]


def test_a_subgraph_names_federation_directives_by_its_imports_and_prefix():
    names = federation_names(parse(SUBGRAPH))

    assert names.fed2 and names.version == (2, 9)
    assert names.canonical("id") == "key" and names.canonical("external") == "external"
    assert names.canonical("fed__shareable") == "shareable" and names.canonical("key") is None
    assert names.canonical("listSize") == "listSize" and names.canonical("cost__cost") == "cost"
    assert names.foreign_prefixes == {"fed", "access"}


def test_a_subgraph_without_the_federation_link_is_federation_1():
    names = federation_names(parse("type Query { a: Int }"))

    assert not names.fed2 and names.canonical("key") == "key"


def test_a_supergraph_names_its_spec_machinery():
    specs = LinkedSpecs.of(parse(SUPERGRAPH))

    assert specs.directive("join", "type") == "j__type"
    assert specs.directive_name("inaccessible", "inaccessible") == "hidden"
    assert specs.directive_name("cost", "listSize") == "size"
    assert all(specs.is_spec_directive(name) for name in ("link", "j__field", "hidden", "cost", "size"))
    assert not specs.is_spec_directive("access")  # not an Apollo spec: part of the API
    assert specs.is_spec_type("j__Graph") and specs.is_spec_type("link__Purpose")
    assert not specs.is_spec_type("join__Graph")  # renamed by `as:`
