"""Working time from worked shifts on hand-worked cases (docs/definitions.md "Working time from
schedules"). Times are Swedish local times; in 2026 the clock moves forward on 29 March (02:00 →
03:00) and back on 25 October (03:00 → 02:00)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kasam.metrics.schedules import (
    PersonFigures,
    is_work,
    kind_of,
    person_figures,
    to_utc,
    work_periods,
)


def at(day: int, hour: int, month: int = 6, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute)


def figures(rows, first=date(2026, 1, 1), last=date(2026, 12, 31)) -> PersonFigures:
    return person_figures(rows, first, last)


# -- time zone ---------------------------------------------------------------------------------


def test_to_utc_summer_and_winter():
    assert to_utc(datetime(2026, 6, 1, 12)) == datetime(2026, 6, 1, 10, tzinfo=UTC)
    assert to_utc(datetime(2026, 1, 1, 12)) == datetime(2026, 1, 1, 11, tzinfo=UTC)


def test_a_time_in_the_spring_forward_hour_is_an_error():
    with pytest.raises(ValueError, match="does not exist"):
        to_utc(datetime(2026, 3, 29, 2, 30))
    with pytest.raises(ValueError, match="does not exist"):
        work_periods([(datetime(2026, 3, 29, 2, 0), datetime(2026, 3, 29, 6), "ordinary")])


def test_an_ambiguous_autumn_time_is_its_first_occurrence():
    # 02:30 on 25 October comes twice: first in summer time (UTC+2) at 00:30 UTC.
    assert to_utc(datetime(2026, 10, 25, 2, 30)) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_night_shift_lasts_7_hours_when_the_clock_moves_forward():
    rows = [(datetime(2026, 3, 28, 22), datetime(2026, 3, 29, 6), "ordinary")]
    [period] = work_periods(rows)
    assert period.hours == 7
    f = figures(rows)
    assert (f.hours_worked, f.night_hours) == (7, 7)


def test_night_shift_lasts_9_hours_when_the_clock_moves_back():
    rows = [(datetime(2026, 10, 24, 22), datetime(2026, 10, 25, 6), "ordinary")]
    [period] = work_periods(rows)
    assert period.hours == 9
    f = figures(rows)
    assert (f.hours_worked, f.night_hours) == (9, 9)


# -- kinds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ordinarie", "ordinary"),
        ("Övertid", "overtime"),
        ("mertid", "extra"),
        (" jour ", "jour"),
        ("beredskap", "standby"),
        ("overtime", "overtime"),
        ("o\u0308vertid", "overtime"),  # decomposed ö
    ],
)
def test_kind_of_accepts_swedish_and_english(text, kind):
    assert kind_of(text) == kind


def test_an_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown kind"):
        kind_of("semester")


def test_standby_is_not_work():
    assert not is_work("beredskap")
    assert all(is_work(k) for k in ("ordinarie", "övertid", "mertid", "jour"))
    rows = [(at(1, 8), at(1, 16), "ordinary"), (at(1, 16), at(2, 8), "beredskap")]
    assert [p.hours for p in work_periods(rows)] == [8]
    f = figures(rows)
    assert (f.hours_worked, f.work_periods, f.night_hours) == (8, 1, 0)


def test_an_end_before_its_start_is_an_error():
    with pytest.raises(ValueError, match="after the start"):
        work_periods([(at(1, 16), at(1, 8), "ordinary")])


# -- work periods ------------------------------------------------------------------------------


def test_touching_and_overlapping_shifts_merge():
    rows = [
        (at(1, 8), at(1, 12), "ordinary"),
        (at(1, 12), at(1, 14), "overtime"),  # touches
        (at(1, 13), at(1, 15), "jour"),  # overlaps
        (at(1, 16), at(1, 18), "ordinary"),  # a gap of an hour
    ]
    assert [(p.start.hour, p.hours) for p in work_periods(rows)] == [(6, 7), (14, 2)]


def test_a_shift_across_midnight():
    rows = [(at(1, 20), at(2, 4), "ordinary")]
    f = figures(rows)
    # 8 hours, of which 22–04 are night hours; one work day, the one it starts on.
    assert (f.hours_worked, f.night_hours, f.work_days, f.work_periods) == (8, 6, 1, 1)


def test_night_hours_of_20_to_24_are_2():
    assert figures([(at(1, 20), at(2, 0), "ordinary")]).night_hours == 2


def test_night_hours_of_a_morning_shift():
    assert figures([(at(1, 5), at(1, 13), "ordinary")]).night_hours == 1


# -- turnarounds, split shifts, weekly rest, long runs -------------------------------------------


def test_a_short_turnaround_of_10_hours():
    rows = [(at(1, 14), at(1, 22), "ordinary"), (at(2, 8), at(2, 16), "ordinary")]
    assert figures(rows).short_turnarounds == 1


def test_a_turnaround_of_11_hours_is_not_short():
    rows = [(at(1, 14), at(1, 22), "ordinary"), (at(2, 9), at(2, 17), "ordinary")]
    assert figures(rows).short_turnarounds == 0


def test_a_split_shift_day():
    rows = [(at(1, 7), at(1, 11), "ordinary"), (at(1, 16), at(1, 20), "ordinary")]
    f = figures(rows)
    # Two work periods starting on the same day: a split-shift day, not a short turnaround.
    assert (f.split_shift_days, f.short_turnarounds, f.work_days, f.work_periods) == (1, 0, 1, 2)


def test_a_week_with_a_36_hour_free_gap_has_weekly_rest():
    # Week 23 of 2026: Monday 1 June – Sunday 7 June. Monday–Friday 08–16, free from Friday 16:00.
    rows = [(at(d, 8), at(d, 16), "ordinary") for d in range(1, 6)]
    f = figures(rows)
    assert (f.person_weeks_with_work, f.weeks_short_of_rest) == (1, 0)


def test_a_week_without_a_36_hour_free_gap_is_short_of_weekly_rest():
    # Every day 08–16 Monday–Sunday: the longest free time inside the week is 16 h (and the
    # clipped 8 h before Monday 08:00 and after Sunday 16:00 do not add up).
    rows = [(at(d, 8), at(d, 16), "ordinary") for d in range(1, 8)]
    f = figures(rows)
    assert (f.person_weeks_with_work, f.weeks_short_of_rest) == (1, 1)


def test_weekly_rest_gaps_are_clipped_to_the_week():
    # Monday–Saturday 08–16 with Saturday's shift until 14:00: free from Saturday 14:00 to Sunday
    # 24:00 is 34 h inside the week, though the gap goes on into the next week: short of rest.
    rows = [(at(d, 8), at(d, 16), "ordinary") for d in range(1, 6)]
    rows.append((at(6, 8), at(6, 14), "ordinary"))
    assert figures(rows).weeks_short_of_rest == 1
    # Ending Saturday at 12:00 leaves 36 h: weekly rest.
    rows[-1] = (at(6, 8), at(6, 12), "ordinary")
    assert figures(rows).weeks_short_of_rest == 0


def test_a_long_run_of_7_days_is_one_and_of_6_days_none():
    seven = [(at(d, 8), at(d, 16), "ordinary") for d in range(1, 8)]
    assert figures(seven).long_runs == 1
    assert figures(seven[:6]).long_runs == 0
    fourteen = [(at(d, 8), at(d, 16), "ordinary") for d in range(1, 15)]
    assert figures(fourteen).long_runs == 1  # counted once per run


def test_overtime_plus_extra_hours():
    rows = [
        (at(1, 8), at(1, 16), "ordinarie"),
        (at(1, 16), at(1, 18), "övertid"),
        (at(2, 8), at(2, 11), "mertid"),
        (at(3, 8), at(3, 20), "jour"),
    ]
    f = figures(rows)
    assert (f.hours_worked, f.overtime_extra_hours, f.work_periods) == (25, 5, 3)


# -- the period's edges ------------------------------------------------------------------------


def test_a_shift_counts_in_the_period_it_starts_in():
    # 30 June 22:00 – 1 July 06:00: all of it in June, none of it in July.
    rows = [(at(30, 22), at(1, 6, month=7), "ordinary")]
    june = person_figures(rows, date(2026, 6, 1), date(2026, 6, 30))
    july = person_figures(rows, date(2026, 7, 1), date(2026, 7, 31))
    assert (june.hours_worked, june.night_hours, june.work_days) == (8, 8, 1)
    assert (july.hours_worked, july.night_hours, july.work_days) == (0, 0, 0)


def test_a_turnaround_counts_on_the_later_work_period():
    rows = [(at(30, 14), at(30, 22), "ordinary"), (at(1, 8, month=7), at(1, 16, month=7), "ordinary")]
    assert person_figures(rows, date(2026, 6, 1), date(2026, 6, 30)).short_turnarounds == 0
    assert person_figures(rows, date(2026, 7, 1), date(2026, 7, 31)).short_turnarounds == 1


def test_a_long_run_counts_on_its_seventh_day():
    # 26 June – 2 July: the seventh day is 2 July.
    starts = [datetime(2026, 6, 26, 8) + timedelta(days=i) for i in range(7)]
    rows = [(start, start + timedelta(hours=8), "ordinary") for start in starts]
    assert person_figures(rows, date(2026, 6, 1), date(2026, 6, 30)).long_runs == 0
    assert person_figures(rows, date(2026, 7, 1), date(2026, 7, 31)).long_runs == 1


# -- properties --------------------------------------------------------------------------------

KINDS = ["ordinary", "overtime", "extra", "jour", "standby"]


@st.composite
def schedules(draw):
    """Non-overlapping shifts of whole quarter hours between 5 January and mid-March 2026 (no
    change of clock), each 1–14 h, with gaps of 0–60 h."""
    count = draw(st.integers(1, 12))
    start = datetime(2026, 1, 5) + timedelta(minutes=15 * draw(st.integers(0, 96)))
    rows = []
    for _ in range(count):
        length = timedelta(minutes=15 * draw(st.integers(4, 56)))
        rows.append((start, start + length, draw(st.sampled_from(KINDS))))
        start += length + timedelta(minutes=15 * draw(st.integers(0, 240)))
    return rows


@settings(max_examples=60, deadline=None)
@given(schedules(), st.data())
def test_splitting_a_shift_in_two_touching_ones_changes_nothing(rows, data):
    index = data.draw(st.integers(0, len(rows) - 1))
    start, end, kind = rows[index]
    quarters = int((end - start) / timedelta(minutes=15))
    cut = start + timedelta(minutes=15 * data.draw(st.integers(1, quarters - 1)))
    split = rows[:index] + [(start, cut, kind), (cut, end, kind)] + rows[index + 1 :]
    assert work_periods(split) == work_periods(rows)
    assert figures(split) == figures(rows)


@settings(max_examples=60, deadline=None)
@given(schedules(), st.integers(-1, 1))
def test_moving_every_shift_by_whole_weeks_changes_no_count(rows, weeks):
    # The shifts stay within January–March 2026 before 29 March, so no change of clock is crossed.
    moved = [(s + timedelta(weeks=weeks), e + timedelta(weeks=weeks), k) for s, e, k in rows]
    every_day = (date(2025, 1, 1), date(2026, 12, 31))
    assert person_figures(moved, *every_day) == person_figures(rows, *every_day)


def test_weekly_rest_is_real_time_in_the_week_the_clock_moves_forward():
    # Week 13 of 2026: Monday 23 – Sunday 29 March. Monday–Friday 08–16 and Saturday 08–12: from
    # Saturday 12:00 to Sunday 24:00 is 36 h on the clock but 35 h of real time, so short of rest.
    rows = [(datetime(2026, 3, d, 8), datetime(2026, 3, d, 16), "ordinary") for d in range(23, 28)]
    rows.append((datetime(2026, 3, 28, 8), datetime(2026, 3, 28, 12), "ordinary"))
    assert figures(rows).weeks_short_of_rest == 1
    rows[-1] = (datetime(2026, 3, 28, 8), datetime(2026, 3, 28, 11), "ordinary")
    assert figures(rows).weeks_short_of_rest == 0
