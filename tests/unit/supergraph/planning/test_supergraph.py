"""Reading Apollo supergraph SDL (join v0.3 and v0.5)."""

from graphql import print_schema

from tests.unit.supergraph.fixtures import supergraph_v03, supergraph_v05


def test_v05_lists_subgraphs_by_lower_case_name_with_urls():
    sg = supergraph_v05()
    assert {name: info.url for name, info in sg.subgraphs.items()} == {
        "accounts": "http://accounts.local/graphql",
        "inventory": "http://inventory.local/graphql",
        "products": "http://products.local/graphql",
        "reviews": "http://reviews.local/graphql",
    }


def test_v05_api_schema_has_no_join_link_or_inaccessible_elements():
    text = print_schema(supergraph_v05().api_schema)
    assert "join__" not in text and "link__" not in text and "@link" not in text
    assert "_inventoryHealth" not in text  # @inaccessible root field
    assert "secret" not in text  # @inaccessible object field
    assert "shippingEstimate: Int" in text


def test_v05_keys_per_subgraph_include_multi_field_keys():
    sg = supergraph_v05()
    assert [k.fields for k in sg.keys("Product", "products")] == ["upc", "sku brand"]
    assert [k.fields for k in sg.keys("Product", "reviews")] == ["sku brand"]
    assert sg.keys("Category", "products") == []


def test_v05_external_fields_are_not_resolvable_in_their_subgraph():
    sg = supergraph_v05()
    assert sg.resolving_graphs("Product", "price") == ("products",)
    assert sg.resolving_graphs("User", "username") == ("accounts",)
    assert sg.field_in_graph("Product", "shippingEstimate", "inventory").requires == "price weight"
    assert sg.field_in_graph("Review", "author", "reviews").provides == "username"


def test_v05_fields_without_join_field_resolve_wherever_the_type_lives():
    sg = supergraph_v05()
    assert sg.resolving_graphs("User", "id") == ("accounts", "reviews")
    assert sg.resolving_graphs("Dimensions", "size") == ("inventory", "products")


def test_v05_abstract_members_per_subgraph():
    sg = supergraph_v05()
    assert sg.possible_types_in_graph("Post", "reviews") == ["Review", "Question"]
    assert sg.possible_types_in_graph("SearchResult", "products") == ["Product", "Category"]


def test_v03_reads_graphs_keys_and_overrides():
    sg = supergraph_v03()
    assert sorted(sg.subgraphs) == ["pets", "visits"]
    assert sg.resolving_graphs("Cat", "species") == ("pets",)  # usedOverridden in visits
    assert sg.resolving_graphs("Cat", "visits") == ("visits",)
    assert sg.type_graphs("Cat")["visits"].extension is True


def test_v03_non_resolvable_keys_are_kept_but_marked():
    sg = supergraph_v03()
    (key,) = sg.keys("Visit", "pets")
    assert key.fields == "id" and key.resolvable is False


def test_v03_api_schema_hides_inaccessible_enum_values_and_fields():
    schema = supergraph_v03().api_schema
    assert list(schema.get_type("Species").values) == ["CAT", "DOG"]
    assert "internal" not in schema.query_type.fields
    assert schema.get_type("join__Graph") is None
