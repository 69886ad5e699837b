"""bench.stats: percentiles, spread, CPU per operation and cost growth."""

import math

import pytest

from bench.stats import cpu_ms_per_op, growth_exponent, marginal_costs, median, percentile, spread


def test_percentile_of_ordered_values_interpolates_between_ranks():
    values = [10, 20, 30, 40]
    assert percentile(values, 0) == 10
    assert percentile(values, 100) == 40
    assert percentile(values, 50) == 25
    assert percentile(values, 99) == pytest.approx(39.7)


def test_percentile_ignores_input_order():
    assert percentile([5, 1, 3], 50) == 3


def test_percentile_of_nothing_is_nan():
    assert math.isnan(percentile([], 50))


def test_percentile_outside_0_to_100_is_refused():
    with pytest.raises(ValueError):
        percentile([1], 101)


def test_spread_reports_median_extremes_and_relative_spread():
    assert spread([2.0, 1.0, 3.0]) == {"median": 2.0, "min": 1.0, "max": 3.0,
                                       "spread_pct": 100.0}


def test_spread_skips_missing_rounds():
    assert spread([None, 4.0, math.nan])["median"] == 4.0


def test_cpu_per_op_is_milliseconds_per_completed_operation():
    assert cpu_ms_per_op(1.5, 300) == pytest.approx(5.0)
    assert math.isnan(cpu_ms_per_op(1.0, 0))


def test_median_of_even_count_is_mean_of_middle_pair():
    assert median([1, 2, 3, 10]) == 2.5


def test_growth_exponent_is_one_for_linear_and_zero_for_flat_cost():
    sizes = [1, 10, 100, 500]
    assert growth_exponent(sizes, [2 * s for s in sizes]) == pytest.approx(1.0)
    assert growth_exponent(sizes, [7.0] * 4) == pytest.approx(0.0)


def test_growth_exponent_of_fixed_plus_linear_cost_stays_below_one():
    sizes = [1, 10, 100, 500]
    assert growth_exponent(sizes, [5 + 0.1 * s for s in sizes]) < 1


def test_marginal_costs_are_cost_per_extra_item_between_sizes():
    assert marginal_costs([1, 10, 100], [1.0, 10.0, 100.0]) == [1.0, 1.0]
