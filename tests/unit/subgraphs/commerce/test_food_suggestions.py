"""commerce food suggestions: allergen matching and the product filter (no stores)."""

import uuid

import pytest

from subgraphs.commerce.models import Product
from subgraphs.commerce.service.suggestions import MAX_SUGGESTIONS, allergen_key, food_suggestions, recorded_allergens
from subgraphs.commerce.types import Pet


def _product(name, price, species=(), allergens=(), category="FOOD", rx=False):
    return Product(id=uuid.uuid4(), sku=name[:8], name=name, category=category,
                   price_cents=price, currency="EUR", prescription_only=rx,
                   species=None if species is None else list(species),
                   allergens=None if allergens is None else list(allergens))


CATALOG = [
    _product("Chicken Kibble", 1500, ["DOG"], ["chicken", "wheat"]),
    _product("Salmon Bites", 1200, ["DOG", "CAT"], ["fish"]),
    _product("Lamb & Rice", 1800, ["DOG"], []),
    _product("Any Pet Treats", 900, [], ["soy"]),
    _product("Cat Tuna", 1100, ["CAT"], ["fish"]),
    _product("Rx Hypoallergenic", 5000, ["DOG", "CAT"], [], rx=True),
    _product("Flea Spot-on", 700, [], [], category="MEDICINE"),
]


def _names(products):
    return [p.name for p in products]


@pytest.mark.parametrize("spelling,key", [
    ("Chicken", "chicken"), ("  CHICKEN ", "chicken"), ("chickens", "chicken"),
    ("Dust  mites", "dust mite"), ("flea saliva", "flea saliva"), ("grass", "grass"),
    ("eggs", "egg"), ("oats", "oat"), ("soy", "soy"), ("Berries", "berry"),
    ("potatoes", "potato"), ("Milk", "dairy"), ("cheese", "dairy"), ("soya", "soy"),
])
def test_allergen_spellings_meet_in_one_key(spelling, key):
    assert allergen_key(spelling) == key


def test_dog_without_allergies_gets_dog_and_any_species_food_cheapest_first():
    got = food_suggestions(CATALOG, "DOG", [], 10)
    assert _names(got) == ["Any Pet Treats", "Salmon Bites", "Chicken Kibble", "Lamb & Rice"]


def test_allergens_are_excluded_whatever_their_spelling():
    got = food_suggestions(CATALOG, "DOG", ["Chickens", "FISH"], 10)
    assert _names(got) == ["Any Pet Treats", "Lamb & Rice"]
    assert all(not {"chicken", "fish"} & set(p.allergens) for p in got)


def test_prescription_diets_medicine_and_other_species_food_are_never_suggested():
    cat = _names(food_suggestions(CATALOG, "CAT", [], 10))
    assert cat == ["Any Pet Treats", "Cat Tuna", "Salmon Bites"]
    assert _names(food_suggestions(CATALOG, "RABBIT", [], 10)) == ["Any Pet Treats"]


def test_a_group_allergy_excludes_its_members_and_a_declared_group_every_member():
    catalog = [_product("Turkey Pate", 1000, ["DOG"], ["turkey"]),
               _product("Chicken Pate", 1100, ["DOG"], ["Chicken"]),
               _product("Poultry Mix", 1200, ["DOG"], ["poultry"]),
               _product("Salmon Pate", 1300, ["DOG"], ["salmon"])]
    assert _names(food_suggestions(catalog, "DOG", ["Poultry"], 10)) == ["Salmon Pate"]
    # chicken-allergic: turkey is fine, a product only saying "poultry" is not
    assert _names(food_suggestions(catalog, "DOG", ["chicken"], 10)) == ["Turkey Pate",
                                                                         "Salmon Pate"]
    assert _names(food_suggestions(catalog, "DOG", ["fish"], 10)) == ["Turkey Pate",
                                                                      "Chicken Pate",
                                                                      "Poultry Mix"]
    assert "Chicken Pate" not in _names(food_suggestions(catalog, "DOG", ["hen"], 10))


def test_food_of_undeclared_species_is_never_suggested():
    catalog = [*CATALOG, _product("Old Stock Kibble", 100, None, [])]
    assert "Old Stock Kibble" not in _names(food_suggestions(catalog, "DOG", [], 20))


def test_food_with_undeclared_allergens_only_goes_to_pets_without_allergies():
    catalog = [*CATALOG, _product("Mystery Mix", 100, ["DOG"], None)]
    assert _names(food_suggestions(catalog, "DOG", [], 1)) == ["Mystery Mix"]
    assert "Mystery Mix" not in _names(food_suggestions(catalog, "DOG", ["soy"], 10))


@pytest.mark.parametrize("first,count", [(1, 1), (2, 2), (0, 1), (-5, 1), (10_000, 4)])
def test_first_is_clamped(first, count):
    assert len(food_suggestions(CATALOG, "DOG", [], first)) == count
    assert MAX_SUGGESTIONS == 20


@pytest.mark.parametrize("record,allergens", [
    ({"allergies": [{"allergen": "beef"}, {"allergen": "dairy"}]}, ["beef", "dairy"]),
    ({"allergies": []}, []),
    (None, None),                                  # record not readable: allergies unknown
    ({}, None),
    ({"allergies": None}, None),
    ({"allergies": [{"allergen": None}]}, None),   # malformed: unknown, never "no allergies"
    ({"allergies": ["beef"]}, None),
    ("beef", None),
])
def test_recorded_allergens_from_the_representation(record, allergens):
    assert recorded_allergens(record) == allergens


def test_field_is_null_when_allergies_or_species_are_unknown():
    for representation in ({"species": "DOG", "medicalRecord": None},
                           {"species": None, "medicalRecord": {"allergies": []}},
                           {"species": "DOG", "medicalRecord": {"allergies": [{}]}}):
        pet = Pet.resolve_reference(id="p1", **representation)
        assert pet.food_suggestions(info=None) is None, representation


def test_missing_required_fields_are_an_error_not_a_silent_null():
    with pytest.raises(RuntimeError, match="foodSuggestions: representation lacks medicalRecord"):
        Pet.resolve_reference(id="p1", species="DOG").food_suggestions(info=None)


@pytest.mark.parametrize("allergy,product_allergen", [
    ("Cow's milk", "dairy"), ("dairy products", "dairy"), ("whey", "dairy"),
    ("soy beans", "soy"), ("gluten", "barley"), ("grain", "wheat"), ("fish", "trout"),
    ("poultry", "goose"), ("beef", "veal"), ("lamb", "mutton"), ("peaches", "peach"),
    ("chicken, beef", "beef"), ("chicken and soy", "soy"), ("wheat/corn", "corn"),
])
def test_free_text_allergies_still_exclude_the_product(allergy, product_allergen):
    catalog = [_product("Suspect Food", 500, ["DOG"], [product_allergen]),
               _product("Plain Food", 900, ["DOG"], [])]
    assert _names(food_suggestions(catalog, "DOG", [allergy], 10)) == ["Plain Food"], allergy


def test_an_allergy_the_matcher_does_not_know_leaves_only_food_declaring_no_allergens():
    catalog = [_product("Chicken Kibble", 500, ["DOG"], ["chicken"]),
               _product("Plain Food", 900, ["DOG"], [])]
    assert _names(food_suggestions(catalog, "DOG", ["kangaroo"], 10)) == ["Plain Food"]
    # known non-food allergens change nothing
    assert _names(food_suggestions(catalog, "DOG", ["Pollen", "flea saliva", "dust mites"],
                                   10)) == ["Chicken Kibble", "Plain Food"]
    # a word some product in the catalogue declares is known
    catalog.append(_product("Kangaroo Bites", 700, ["DOG"], ["kangaroo"]))
    assert _names(food_suggestions(catalog, "DOG", ["Kangaroo"], 10)) == ["Chicken Kibble",
                                                                         "Plain Food"]
