"""commerce ``Pet.feedingGuide`` from the representation the router sends (``@requires``)."""

import pytest

from subgraphs.commerce.types import Pet

ADULT_DOG = {"species": "DOG", "neutered": True, "weightKg": 10.0, "birthDate": "2020-03-01"}


def _guide(**representation):
    return Pet.resolve_reference(id="p1", **representation).feeding_guide()


def test_guide_from_the_required_fields():
    guide = _guide(**ADULT_DOG)
    assert (guide.resting_kcal, guide.daily_kcal, guide.life_stage) == (394, 630, "neutered adult")


@pytest.mark.parametrize("changed", [
    {"species": "LLAMA"},            # a species profiles may add before commerce knows it
    {"species": None},
    {"weightKg": None},
    {"weightKg": "10"},              # not a JSON number
    {"weightKg": True},
])
def test_unknown_or_malformed_values_give_no_guide_rather_than_an_error(changed):
    assert _guide(**{**ADULT_DOG, **changed}) is None


def test_malformed_birth_date_or_neutered_flag_counts_as_unknown():
    guide = _guide(**{**ADULT_DOG, "birthDate": "yesterday", "neutered": "false"})
    assert guide.life_stage == "intact adult"  # only JSON true means neutered


def test_missing_required_fields_are_an_error_not_a_silent_null():
    with pytest.raises(RuntimeError, match="weightKg, birthDate"):
        _guide(species="DOG", neutered=True)
    with pytest.raises(RuntimeError, match="species"):
        Pet.resolve_reference(id="p1").feeding_guide()
