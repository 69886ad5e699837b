"""subgraphs.commerce.service.feeding_energy: RER = 70 x kg^0.75 times a life-stage factor."""

import pytest

from subgraphs.commerce.service import feeding_energy, life_stage


@pytest.mark.parametrize(("species", "kg", "age", "neutered", "expected"), [
    ("DOG", 10.0, 5.0, True, (394, 630, 1.6, "neutered adult")),    # 70 * 10^0.75 = 393.6
    ("DOG", 10.0, 5.0, False, (394, 708, 1.8, "intact adult")),
    ("DOG", 5.0, 0.25, False, (234, 702, 3.0, "puppy under 4 months")),  # 70 * 5^0.75 = 234.1
    ("DOG", 5.0, 0.5, False, (234, 468, 2.0, "puppy 4-12 months")),
    ("CAT", 4.0, 3.0, True, (198, 238, 1.2, "neutered adult")),     # 70 * 4^0.75 = 198.0
    ("CAT", 4.0, 3.0, False, (198, 277, 1.4, "intact adult")),
    ("CAT", 2.0, 0.4, False, (118, 294, 2.5, "kitten")),            # 70 * 2^0.75 = 117.7
    ("DOG", 30.0, None, True, (897, 1436, 1.6, "neutered adult")),  # 70 * 30^0.75 = 897.3; unknown age: adult
])
def test_energy_for_dogs_and_cats(species, kg, age, neutered, expected):
    energy = feeding_energy(species, kg, age, neutered)
    assert energy is not None
    resting, daily, factor, stage = expected
    assert energy.factor == factor and energy.life_stage == stage
    assert energy.resting_kcal == round(70 * kg ** 0.75)
    assert abs(energy.resting_kcal - resting) <= 1 and abs(energy.daily_kcal - daily) <= 1


@pytest.mark.parametrize(("species", "kg"), [("RABBIT", 2.0), ("BIRD", 0.1), ("OTHER", 3.0),
                                             ("DOG", None), ("CAT", 0.0), ("DOG", -4.0)])
def test_no_guide_without_a_guideline_or_a_weight(species, kg):
    assert feeding_energy(species, kg, 3.0, True) is None


def test_life_stage_boundaries():
    assert life_stage("DOG", 4 / 12 - 0.001, True) == "puppy under 4 months"
    assert life_stage("DOG", 4 / 12, True) == "puppy 4-12 months"
    assert life_stage("DOG", 1.0, True) == "neutered adult"
    assert life_stage("CAT", 0.99, True) == "kitten"
    assert life_stage("REPTILE", 2.0, True) is None
