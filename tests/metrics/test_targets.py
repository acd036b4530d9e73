"""Targets (docs/definitions.md "Targets"), hand-worked."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kasam.metrics.targets import (
    CHANGE,
    LEVEL,
    assess,
    base_of,
    by_month,
    furthest,
    higher_is_better,
    latest_of,
    line_at,
    on_track,
    progress,
    reached,
    rolling_mean,
    shortfall,
    target_line,
    target_value,
)

TODAY = date(2026, 11, 25)
LOWER = False  # sick leave: lower is better
HIGHER = True


def test_sick_leave_and_the_long_term_share_are_better_lower_everything_else_higher():
    assert not higher_is_better("sick_leave") and not higher_is_better("long_term_share")
    for figure in ("healthy_attendance", "hme", "nmi", "pulse_index", "good_health"):
        assert higher_is_better(figure)


def test_a_level_target_is_its_value_and_a_change_is_added_to_the_base():
    assert target_value(LEVEL, 8.55, 9.3) == 8.55
    assert target_value(LEVEL, 75, None) == 75.0  # a level needs no base
    assert target_value(CHANGE, 2, 66.0) == 68.0  # +2 percentage points on 66 %
    assert target_value(CHANGE, -0.75, 9.3) == pytest.approx(8.55)
    assert target_value(CHANGE, 2, None) is None  # no base yet: no target yet
    with pytest.raises(ValueError):
        target_value("percent", 2, 66.0)


def test_the_line_runs_from_the_base_year_end_to_the_target_year_end():
    # Sick leave 9.3 % in 2025, target 8.55 % in 2026: at June 2026, 9.3 − 0.75 × 6/12 = 8.925.
    assert line_at(9.3, 8.55, 2025, 2026, date(2026, 6, 1)) == pytest.approx(8.925)
    assert line_at(9.3, 8.55, 2025, 2026, date(2025, 12, 1)) == pytest.approx(9.3)
    assert line_at(9.3, 8.55, 2025, 2026, date(2026, 12, 1)) == pytest.approx(8.55)
    # Any day stands for its month.
    assert line_at(9.3, 8.55, 2025, 2026, date(2026, 6, 30)) == pytest.approx(8.925)
    # Not extended beyond its ends: the base before, the target after.
    assert line_at(9.3, 8.55, 2025, 2026, date(2025, 3, 1)) == pytest.approx(9.3)
    assert line_at(9.3, 8.55, 2025, 2026, date(2027, 5, 1)) == pytest.approx(8.55)


def test_a_line_over_two_years_moves_half_way_in_the_first():
    # 9.3 % in 2025 to 7.55 % in 2027: at December 2026, 9.3 − 1.75 × 12/24 = 8.425.
    assert line_at(9.3, 7.55, 2025, 2027, date(2026, 12, 1)) == pytest.approx(8.425)
    # Good health 66 % in 2025, +5 percentage points by 2027: at September 2026, 66 + 5 × 9/24 = 67.875.
    assert line_at(66.0, 71.0, 2025, 2027, date(2026, 9, 1)) == pytest.approx(67.875)


def test_the_target_year_must_come_after_the_base_year():
    with pytest.raises(ValueError):
        line_at(9.3, 8.55, 2026, 2026, date(2026, 6, 1))
    assert line_at(None, 8.55, 2025, 2026, date(2026, 6, 1)) is None


def test_progress_of_a_level_target_to_two_decimals():
    # (8.9 − 9.3) / (8.55 − 9.3) = −0.4 / −0.75 = 0.5333…
    assert round(progress(9.3, 8.9, 8.55, LOWER), 2) == 0.53
    assert progress(9.3, 9.3, 8.55, LOWER) == 0.0
    assert progress(9.3, 8.55, 8.55, LOWER) == pytest.approx(1.0)
    # Worse than the base: negative progress.
    assert round(progress(9.3, 9.6, 8.55, LOWER), 2) == -0.4


def test_progress_of_a_percentage_point_target_to_two_decimals():
    # Good health 66 % in 2025, +2 percentage points: target 68 %; at 67.3 %: 1.3 / 2 = 0.65.
    target = target_value(CHANGE, 2, 66.0)
    assert round(progress(66.0, 67.3, target, HIGHER), 2) == 0.65


def test_progress_is_none_when_the_target_is_no_improvement_or_a_figure_is_missing():
    assert progress(80.0, 78.0, 75.0, HIGHER) is None  # NMI already above a target of 75
    assert progress(7.46, 7.9, 8.55, LOWER) is None  # sick leave already below the target
    assert progress(9.3, 9.0, 9.3, LOWER) is None  # target equal to the base
    assert progress(None, 9.0, 8.55, LOWER) is None
    assert progress(9.3, None, 8.55, LOWER) is None
    assert progress(9.3, 9.0, None, LOWER) is None


def test_sick_leave_is_on_track_at_or_below_the_line():
    june = date(2026, 6, 1)  # the line reads 8.925
    assert on_track((june, 8.9), 9.3, 8.55, 2025, 2026, LOWER) is True
    assert on_track((june, 8.925), 9.3, 8.55, 2025, 2026, LOWER) is True  # equal to the line
    assert on_track((june, 8.95), 9.3, 8.55, 2025, 2026, LOWER) is False
    # Still lower than the base, but not as far as the line: not on track.
    assert on_track((june, 9.0), 9.3, 8.55, 2025, 2026, LOWER) is False


def test_good_health_is_on_track_at_or_above_the_line():
    # 66 % in 2025, +2 percentage points in 2026: at March 2026 the line reads 66 + 2 × 3/12 = 66.5.
    march = date(2026, 3, 1)
    target = target_value(CHANGE, 2, 66.0)
    assert on_track((march, 67.0), 66.0, target, 2025, 2026, HIGHER) is True
    assert on_track((march, 66.5), 66.0, target, 2025, 2026, HIGHER) is True  # equal to the line
    assert on_track((march, 66.4), 66.0, target, 2025, 2026, HIGHER) is False


def test_after_the_target_year_the_target_itself_decides():
    assert on_track((date(2027, 2, 1), 8.55), 9.3, 8.55, 2025, 2026, LOWER) is True
    assert on_track((date(2027, 2, 1), 8.56), 9.3, 8.55, 2025, 2026, LOWER) is False


def test_a_unit_already_past_a_level_target_is_on_track_while_it_stays_on_the_targets_side():
    """NMI 80 in 2025, "75 in every unit" in 2026: the base is past the target, so the unit is on track
    while it stays at 75 or above. At June 2026 the line from 80 to 75 reads 77.5; the old code
    followed that line and called 77 (still above 75) not on track."""
    june = date(2026, 6, 1)
    assert on_track((june, 78.0), 80.0, 75.0, 2025, 2026, HIGHER, LEVEL) is True
    assert on_track((june, 77.0), 80.0, 75.0, 2025, 2026, HIGHER, LEVEL) is True
    assert on_track((june, 75.0), 80.0, 75.0, 2025, 2026, HIGHER, LEVEL) is True  # on the target
    assert on_track((june, 74.9), 80.0, 75.0, 2025, 2026, HIGHER, LEVEL) is False
    assert reached(77.0, 75.0, HIGHER) is True


def test_a_sick_leave_target_worse_than_the_base_is_kept_while_at_or_below_it():
    """Sick leave 6 % in 2025, a level of 7 % in 2026 (worse than the base): on track while at or below
    7 %. At June 2026 the line from 6 to 7 reads 6.5; the old code called 6.8 not on track."""
    june = date(2026, 6, 1)
    assert on_track((june, 6.8), 6.0, 7.0, 2025, 2026, LOWER, LEVEL) is True
    assert on_track((june, 7.0), 6.0, 7.0, 2025, 2026, LOWER, LEVEL) is True
    assert on_track((june, 7.1), 6.0, 7.0, 2025, 2026, LOWER, LEVEL) is False


def test_the_long_term_share_is_better_lower_past_a_level_target_too():
    """Long-term share 30 % in 2025, a level of 35 % in 2026: the base is past it (lower is better).
    At June the line reads 32.5: 31 % is on track, 36 % is not, and 33 % – worse than the line, still
    at or below the target – is on track; the old code called 33 % not on track."""
    june = date(2026, 6, 1)
    assert on_track((june, 31.0), 30.0, 35.0, 2025, 2026, LOWER, LEVEL) is True
    assert on_track((june, 33.0), 30.0, 35.0, 2025, 2026, LOWER, LEVEL) is True
    assert on_track((june, 36.0), 30.0, 35.0, 2025, 2026, LOWER, LEVEL) is False


def test_healthy_attendance_improving_is_on_the_line_or_above():
    """Healthy attendance 40 % in 2025, a level of 46 % in 2026: higher is better; at June the line
    reads 43. Exactly on the line is on track, just below it is not (as the old code had it)."""
    june = date(2026, 6, 1)
    assert on_track((june, 43.0), 40.0, 46.0, 2025, 2026, HIGHER, LEVEL) is True
    assert on_track((june, 42.99), 40.0, 46.0, 2025, 2026, HIGHER, LEVEL) is False
    assert on_track((june, 41.0), 40.0, 46.0, 2025, 2026, HIGHER, LEVEL) is False  # better than base


def test_a_change_target_worse_than_the_base_follows_the_improving_side_of_its_line():
    """Sick leave 6 % in 2025, a change of +1 percentage point (7 %) in 2026: only a LEVEL target is
    kept by staying on its side; a change target is on track on the improving side of its line, which
    reads 6.5 at June: 6.4 on track, 6.8 not."""
    june = date(2026, 6, 1)
    target = target_value(CHANGE, 1, 6.0)
    assert on_track((june, 6.4), 6.0, target, 2025, 2026, LOWER, CHANGE) is True
    assert on_track((june, 6.8), 6.0, target, 2025, 2026, LOWER, CHANGE) is False


def test_assess_keeps_a_unit_past_its_level_target_on_track():
    """Through `assess`: NMI 80 in December 2025, 76 in June 2026, target level 75 for 2026. The old
    code gave on_track False (below the line's 77.5)."""
    points = [(date(2025, 12, 1), 80.0), (date(2026, 6, 1), 76.0)]
    a = assess(points, LEVEL, 75, 2025, 2026, HIGHER, TODAY)
    assert a.on_track is True and a.progress is None and a.reached is True


def test_on_track_is_unknown_without_data_or_without_a_figure_after_the_base_year():
    june = date(2026, 6, 1)
    assert on_track(None, 9.3, 8.55, 2025, 2026, LOWER) is None
    assert on_track((june, None), 9.3, 8.55, 2025, 2026, LOWER) is None  # hidden by the gate
    assert on_track((june, 8.9), None, 8.55, 2025, 2026, LOWER) is None
    assert on_track((june, 8.9), 9.3, None, 2025, 2026, LOWER) is None
    assert on_track((date(2025, 12, 1), 9.3), 9.3, 8.55, 2025, 2026, LOWER) is None


def test_reached_and_shortfall_follow_the_better_direction():
    assert reached(8.5, 8.55, LOWER) is True and reached(8.6, 8.55, LOWER) is False
    assert reached(75.0, 75.0, HIGHER) is True and reached(None, 75.0, HIGHER) is None
    assert shortfall(8.9, 8.55, LOWER) == pytest.approx(0.35)
    assert shortfall(70.0, 75.0, HIGHER) == pytest.approx(5.0)
    assert shortfall(80.0, 75.0, HIGHER) == pytest.approx(-5.0)  # beyond the target
    assert shortfall(None, 75.0, HIGHER) is None


def test_the_base_is_the_last_shown_point_of_the_base_year_once_it_has_ended():
    points = [
        (date(2025, 10, 19), 64.1),
        (date(2025, 12, 14), 66.3),
        (date(2025, 12, 28), None),  # hidden in the year's last round
        (date(2026, 3, 1), 68.0),
    ]
    assert base_of(points, 2025, TODAY) == 66.3
    assert base_of(points, 2026, TODAY) is None  # 2026 has not ended
    assert base_of(points, 2024, TODAY) is None  # no figure that year
    assert base_of(points, 2025, date(2025, 12, 31)) is None
    assert base_of(points, 2025, date(2026, 1, 1)) == 66.3


def test_a_month_with_two_rounds_is_its_last_shown_round():
    points = [(date(2026, 3, 1), 60.0), (date(2026, 3, 29), 62.0), (date(2026, 4, 12), 61.0)]
    assert by_month(points) == [(date(2026, 3, 1), 62.0), (date(2026, 4, 1), 61.0)]
    hidden_last = [(date(2026, 3, 1), 60.0), (date(2026, 3, 29), None)]
    assert by_month(hidden_last) == [(date(2026, 3, 1), 60.0)]
    assert latest_of(hidden_last + [(date(2026, 5, 3), None)]) == (date(2026, 3, 1), 60.0)
    assert latest_of([(date(2026, 5, 3), None)]) is None


def test_assess_puts_it_together_for_the_project_plans_first_target():
    # Sick leave: rolling 12 months by month; 2025's December figure is the year's, 9.3 %.
    points = [(date(2025, 11, 1), 9.4), (date(2025, 12, 1), 9.3), (date(2026, 6, 1), 8.9)]
    result = assess(points, LEVEL, 8.55, 2025, 2026, LOWER, TODAY)
    assert result.base == 9.3 and result.target == 8.55
    assert result.latest == (date(2026, 6, 1), 8.9)
    assert result.line == pytest.approx(8.925)
    assert round(result.progress, 2) == 0.53
    assert result.on_track is True and result.reached is False
    assert result.shortfall == pytest.approx(0.35)


def test_assess_a_percentage_point_target_with_its_base_year():
    points = [(date(2025, 12, 28), 66.0), (date(2026, 3, 15), 66.4)]
    result = assess(points, CHANGE, 2, 2025, 2026, HIGHER, TODAY)
    assert result.target == 68.0
    assert result.line == pytest.approx(66.5)
    assert round(result.progress, 2) == 0.2
    assert result.on_track is False


def test_assess_without_a_base_says_nothing_it_cannot_know():
    result = assess([(date(2026, 6, 1), 8.9)], CHANGE, -0.75, 2025, 2026, LOWER, TODAY)
    assert result.base is None and result.target is None
    assert result.progress is None and result.on_track is None and result.reached is None
    assert result.latest_value == 8.9


def test_the_target_line_for_a_chart_runs_between_its_ends_only():
    months = [date(2025, 6, 1), date(2026, 6, 1), date(2027, 6, 1)]
    line = target_line(9.3, 8.55, 2025, 2026, months)
    assert [m for m, _v in line] == [date(2025, 12, 1), date(2026, 6, 1), date(2026, 12, 1)]
    assert line[1][1] == pytest.approx(8.925)
    assert target_line(None, 8.55, 2025, 2026, months) == []


def test_the_units_furthest_from_the_target_come_first():
    rows = [("A", 0.35), ("B", None), ("C", -0.2), ("D", 1.1), ("E", 0.35)]
    assert furthest(rows) == [("D", 1.1), ("A", 0.35), ("E", 0.35), ("C", -0.2)]
    assert furthest(rows, limit=2) == [("D", 1.1), ("A", 0.35)]


def test_the_pulse_rolling_figure_is_the_mean_of_the_shown_rounds_of_twelve_months():
    rounds = [
        (date(2025, 10, 19), 64.0),
        (date(2025, 12, 14), 66.0),
        (date(2025, 12, 28), None),  # hidden: not part of any mean
        (date(2026, 10, 25), 70.0),
        (date(2026, 11, 8), 62.0),
    ]
    assert rolling_mean(rounds) == [
        (date(2025, 10, 1), 64.0),
        (date(2025, 12, 1), 65.0),  # (64 + 66) / 2: the year 2025
        (date(2026, 10, 1), 68.0),  # Nov 2025 … Oct 2026: (66 + 70) / 2
        (date(2026, 11, 1), 66.0),  # Dec 2025 … Nov 2026: (66 + 70 + 62) / 3
    ]
    assert rolling_mean([(date(2026, 1, 11), None)]) == [(date(2026, 1, 1), None)]
    assert base_of(rolling_mean(rounds), 2025, TODAY) == 65.0


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31)),
            st.none() | st.floats(min_value=0, max_value=100),
        ),
        max_size=60,
    )
)
def test_the_rolling_mean_is_the_mean_of_each_twelve_month_window(points):
    """The window of each month with a point, added up in the order of the days."""

    def number(day):
        return day.year * 12 + day.month - 1

    ordered = sorted(points, key=lambda point: point[0])
    expected = []
    for key in sorted({number(day) for day, _ in ordered}):
        window = [v for day, v in ordered if key - 12 < number(day) <= key and v is not None]
        expected.append((date(key // 12, key % 12 + 1, 1), sum(window) / len(window) if window else None))
    assert rolling_mean(points) == expected
