"""subgraphs.commerce.service.feeding.feeding_energy: RER = 70 x kg^0.75 times a life-stage factor."""

from datetime import date

import pytest

from subgraphs.commerce.service.feeding import feeding_energy, life_stage, months_of_age

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(("species", "kg", "born", "neutered", "expected"), [
    # hand-computed: 70 * 10^0.75 = 393.6, 70 * 5^0.75 = 234.1, 70 * 4^0.75 = 198.0,
    # 70 * 2^0.75 = 117.7, 70 * 30^0.75 = 897.3
    ("DOG", 10.0, date(2021, 6, 1), True, (394, 630, 1.6, "neutered adult")),
    ("DOG", 10.0, date(2021, 6, 1), False, (394, 709, 1.8, "intact adult")),
    ("DOG", 5.0, date(2026, 9, 15), False, (234, 702, 3.0, "puppy under 4 months")),
    ("DOG", 5.0, date(2026, 6, 2), False, (234, 468, 2.0, "puppy 4-12 months")),
    ("CAT", 4.0, date(2023, 1, 1), True, (198, 238, 1.2, "neutered adult")),
    ("CAT", 4.0, date(2023, 1, 1), False, (198, 277, 1.4, "intact adult")),
    ("CAT", 2.0, date(2026, 7, 1), False, (118, 294, 2.5, "kitten")),
    ("DOG", 30.0, None, True, (897, 1436, 1.6, "neutered adult")),  # unknown age: adult
])
def test_energy_for_dogs_and_cats(species, kg, born, neutered, expected):
    energy = feeding_energy(species, kg, born, neutered, TODAY)
    assert energy is not None
    assert (energy.resting_kcal, energy.daily_kcal, energy.factor, energy.life_stage) == expected


@pytest.mark.parametrize(("species", "kg"), [("RABBIT", 2.0), ("BIRD", 0.1), ("OTHER", 3.0),
                                             ("LLAMA", 90.0), ("DOG", None), ("CAT", 0.0),
                                             ("DOG", -4.0)])
def test_no_guide_without_a_guideline_or_a_weight(species, kg):
    assert feeding_energy(species, kg, date(2020, 1, 1), True, TODAY) is None


@pytest.mark.parametrize(("born", "months"), [
    (date(2026, 8, 2), 4), (date(2026, 8, 3), 3), (date(2025, 12, 2), 12), (date(2025, 12, 3), 11),
    (date(2026, 12, 2), 0), (date(2016, 2, 29), 129)])
def test_months_of_age_counts_whole_months(born, months):
    assert months_of_age(born, TODAY) == months


def test_life_stage_boundaries_by_birth_date():
    # the day before the 4-month and 1-year birthdays still counts as the younger stage
    assert life_stage("DOG", date(2026, 8, 3), True, TODAY) == "puppy under 4 months"
    assert life_stage("DOG", date(2026, 8, 2), True, TODAY) == "puppy 4-12 months"
    assert life_stage("DOG", date(2025, 12, 3), True, TODAY) == "puppy 4-12 months"
    assert life_stage("DOG", date(2025, 12, 2), True, TODAY) == "neutered adult"
    assert life_stage("CAT", date(2025, 12, 3), False, TODAY) == "kitten"
    assert life_stage("CAT", date(2025, 12, 2), False, TODAY) == "intact adult"
    assert life_stage("REPTILE", date(2024, 1, 1), True, TODAY) is None
