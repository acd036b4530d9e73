"""The sparkline's geometry, worked by hand (kasam.metrics.sparkline; docs/definitions.md "Home pages")."""

from kasam.metrics.sparkline import sparkline


def test_values_spread_over_the_width_smallest_at_the_bottom():
    # Box 100 × 24, pad 2: x runs 2 … 98 (step 48), y runs 2 (largest) … 22 (smallest).
    line = sparkline([1.0, 3.0, 2.0])
    assert line.path == "M2,22 L50,2 L98,12"
    assert line.end == (98.0, 12.0)
    assert (line.width, line.height) == (100.0, 24.0)


def test_a_missing_value_breaks_the_line():
    # Four values: step 32. The hidden second value is not drawn through.
    line = sparkline([6.0, None, 4.0, 5.0])
    assert line.path == "M2,2 M66,22 L98,12"
    assert line.end == (98.0, 12.0)


def test_a_flat_series_runs_through_the_middle():
    assert sparkline([5.0, 5.0]).path == "M2,12 L98,12"


def test_one_value_is_a_dot_in_the_middle():
    line = sparkline([7.5])
    assert line.path == "M50,12"
    assert line.end == (50.0, 12.0)


def test_nothing_shown_draws_nothing():
    assert sparkline([]).path == ""
    line = sparkline([None, None])
    assert line.path == "" and line.end is None


def test_the_last_shown_value_gets_the_dot_even_when_a_later_one_is_hidden():
    assert sparkline([1.0, 2.0, None]).end == (50.0, 2.0)


def test_coordinates_keep_two_decimals_at_most():
    # Three steps over 96: 32 each; values 0, 1, 3 → y = 22, 22 − 20/3 = 15.33…, 2.
    assert sparkline([0.0, 1.0, 3.0, 3.0]).path == "M2,22 L34,15.33 L66,2 L98,2"


def test_another_box():
    assert sparkline([0.0, 10.0], width=50, height=10, pad=0).path == "M0,10 L50,0"
