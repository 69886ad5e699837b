"""bench.gate: responses must equal the golden one before any load is applied."""

from bench.gate import check_response, first_difference

GOLDEN = {"data": {"pet": {"id": "p1", "weightKg": 4.0, "visits": [{"id": "v1"}]}}}


def test_same_data_with_other_key_order_and_int_for_float_passes():
    other = {"data": {"pet": {"visits": [{"id": "v1"}], "weightKg": 4, "id": "p1"}}}
    assert check_response(GOLDEN, other) is None


def test_response_with_errors_fails_even_with_data():
    other = {**GOLDEN, "errors": [{"message": "boom"}]}
    assert check_response(GOLDEN, other).startswith("errors:")


def test_missing_field_is_reported_with_its_path():
    other = {"data": {"pet": {"id": "p1", "visits": [{"id": "v1"}]}}}
    assert first_difference(GOLDEN["data"], other["data"]) == "data.pet.weightKg: missing"


def test_list_of_other_length_is_reported():
    other = {"data": {"pet": {**GOLDEN["data"]["pet"], "visits": []}}}
    assert check_response(GOLDEN, other) == "data.pet.visits: 0 items, expected 1"


def test_boolean_is_not_equal_to_number():
    assert first_difference({"a": 1}, {"a": True}) is not None


def test_first_response_without_golden_only_needs_data():
    assert check_response(None, {"data": None}) == "no data"
    assert check_response(None, GOLDEN) is None
