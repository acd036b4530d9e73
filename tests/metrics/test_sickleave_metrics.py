"""Hand-worked cases for kasam.metrics.sickleave (DOMAIN.md "Hours", "The statutory annual-report
figures", "Sick cases, occasions and bands", "Healthy attendance"). Every expected number is worked
out in the comment above it."""

import subprocess
import sys
from datetime import date, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kasam.metrics import sickleave as sl

JAN = (date(2025, 1, 1), date(2025, 1, 31))  # 31 days
FULL_DAY = 40 / 7  # h of a 100 % employment at 40 h/week, on every calendar day


def employments(*rows) -> pl.DataFrame:
    """rows: (person, unit, start, end, rate, weekly_hours, pay)"""
    return pl.DataFrame(
        rows,
        schema={
            "person_id": pl.String,
            "unit_id": pl.String,
            "start_date": pl.Date,
            "end_date": pl.Date,
            "rate": pl.Float64,
            "weekly_hours": pl.Float64,
            "pay": pl.String,
        },
        orient="row",
    )


def absences(*rows) -> pl.DataFrame:
    """rows: (person, start, end, extent, kind)"""
    return pl.DataFrame(
        rows,
        schema={
            "person_id": pl.String,
            "start_date": pl.Date,
            "end_date": pl.Date,
            "extent": pl.Float64,
            "kind": pl.String,
        },
        orient="row",
    )


def full_time(
    person="P1", unit="U1", start=date(2024, 1, 1), end=None, rate=100.0, hours=40.0, pay="monthly"
):
    return (person, unit, start, end, rate, hours, pay)


def d(month: int, day: int, year: int = 2025) -> date:
    return date(year, month, day)


# --- Hours ---------------------------------------------------------------------------------------


def test_three_days_at_half_extent():
    # 100 %, 40 h/week: h = 40 × 100/100 / 7 = 40/7 per day. January: ordinary 31 × 40/7 = 1240/7.
    # Sick 10–12 Jan at 50 %: 3 × 40/7 × 0.5 = 60/7. Sick leave = 100 × 60/1240 = 4.8387… %.
    result = sl.compute_sick_leave(
        employments(full_time()), absences(("P1", d(1, 10), d(1, 12), 50.0, "sjuk")), *JAN
    )
    assert result.ordinary_hours == pytest.approx(1240 / 7)
    assert result.sick_hours == pytest.approx(60 / 7)
    assert result.sick_leave_pct == pytest.approx(6000 / 1240)
    assert result.persons == 1


def test_part_time_and_weekly_hours_and_missing_values():
    # 75 % of 38.25 h: h = 38.25 × 0.75 / 7 = 4.098…; weekly_hours empty = 40 at 50 %: h = 20/7.
    # Sick 1 Jan with empty extent (= 100) and empty kind (= sjuk): 38.25 × 0.75 / 7 + 20/7.
    rows = employments(full_time(rate=75.0, hours=38.25), full_time(unit="U2", rate=50.0, hours=None))
    result = sl.compute_sick_leave(rows, absences(("P1", d(1, 1), d(1, 1), None, None)), *JAN)
    assert result.ordinary_hours == pytest.approx(31 * (38.25 * 0.75 / 7 + 20 / 7))
    assert result.sick_hours == pytest.approx(38.25 * 0.75 / 7 + 20 / 7)


def test_other_kinds_are_ignored_and_sjuk_is_case_insensitive():
    # "SJUK" counts (2 days), "vab" and "semester" do not: sick hours 2 × 40/7.
    rows = absences(
        ("P1", d(1, 1), d(1, 2), 100.0, "SJUK"),
        ("P1", d(1, 5), d(1, 9), 100.0, "vab"),
        ("P1", d(1, 12), d(1, 20), 100.0, "semester"),
    )
    assert sl.compute_sick_leave(employments(full_time()), rows, *JAN).sick_hours == pytest.approx(
        2 * FULL_DAY
    )


def test_overlapping_records_take_the_highest_extent():
    # 1–10 Jan at 50 % and 5–6 Jan at 100 %: days 5 and 6 count 100 %, the other 8 days 50 %:
    # 8 × 0.5 + 2 × 1 = 6 day-equivalents = 6 × 40/7 = 240/7 hours (not 7 or 5 day-equivalents).
    rows = absences(("P1", d(1, 1), d(1, 10), 50.0, "sjuk"), ("P1", d(1, 5), d(1, 6), 100.0, "sjuk"))
    assert sl.compute_sick_leave(employments(full_time()), rows, *JAN).sick_hours == pytest.approx(240 / 7)


def test_hourly_staff_are_left_out():
    # P2 is hourly: no ordinary working time, so neither P2's hours nor P2's sick days count.
    staff = employments(full_time(), full_time(person="P2", pay="hourly"))
    rows = absences(("P2", d(1, 1), d(1, 31), 100.0, "sjuk"))
    result = sl.compute_sick_leave(staff, rows, *JAN)
    assert result.ordinary_hours == pytest.approx(1240 / 7)
    assert result.sick_hours == 0
    assert result.persons == 1
    only_hourly = sl.compute_sick_leave(employments(full_time(person="P2", pay="hourly")), rows, *JAN)
    assert only_hourly.sick_leave_pct is None and only_hourly.long_term_share_pct is None


def test_sick_days_outside_employment_carry_no_hours():
    # Employed from 16 Jan; sick 10–20 Jan: only 16–20 Jan (5 days) carry hours. Ordinary = 16 × 40/7.
    staff = employments(full_time(start=d(1, 16)))
    result = sl.compute_sick_leave(staff, absences(("P1", d(1, 10), d(1, 20), 100.0, "sjuk")), *JAN)
    assert result.ordinary_hours == pytest.approx(16 * FULL_DAY)
    assert result.sick_hours == pytest.approx(5 * FULL_DAY)


def test_units_select_employments():
    # 60 % in U1 and 40 % in U2, sick all of 1–4 Jan: U1 alone has 4 × 40 × 0.6 / 7 sick hours.
    staff = employments(full_time(rate=60.0), full_time(unit="U2", rate=40.0))
    result = sl.compute_sick_leave(
        staff, absences(("P1", d(1, 1), d(1, 4), 100.0, "sjuk")), *JAN, unit_ids=["U1"]
    )
    assert result.ordinary_hours == pytest.approx(31 * 24 / 7)
    assert result.sick_hours == pytest.approx(4 * 24 / 7)
    assert result.sick_leave_pct == pytest.approx(400 / 31)


# --- Sick cases ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("second_start", "cases"), [(d(3, 8), 1), (d(3, 9), 2)])
def test_resickness_rule_d_plus_5_joins_d_plus_6_does_not(second_start, cases):
    # The first period ends on D = 3 March. Starting on D+5 = 8 March joins it (one case 1–12 March,
    # 12 days); starting on D+6 = 9 March is a new case.
    rows = absences(("P1", d(3, 1), d(3, 3), 100.0, "sjuk"), ("P1", second_start, d(3, 12), 100.0, "sjuk"))
    joined = sl.join_sick_cases(sl.sick_records(rows))
    assert joined.height == cases
    if cases == 1:
        assert joined.row(0) == ("P1", d(3, 1), d(3, 12), 12)


def test_cases_are_per_person():
    rows = absences(("P1", d(3, 1), d(3, 3), 100.0, "sjuk"), ("P2", d(3, 4), d(3, 5), 100.0, "sjuk"))
    assert sl.join_sick_cases(sl.sick_records(rows)).height == 2


def test_long_term_share_counts_days_outside_the_period():
    # P1: one case 15 Nov 2024 – 20 Jan 2025 = 16 + 31 + 20 = 67 days ≥ 60: long. Its 20 January days
    # are long-term sick hours although only 20 of its days lie in the period.
    # P2: 1–31 Jan, then 4 Feb – 5 Mar starts 4 days after 31 Jan (D+4), so one case of
    # 31 + 28 + 5 = 64 days: long, and all 31 January days count as long.
    # P3: 1–5 Jan, a 5-day case: short.
    # Long-term share = (20 + 31) / (20 + 31 + 5) = 51/56 (every person has the same h).
    staff = employments(full_time(), full_time(person="P2"), full_time(person="P3"))
    rows = absences(
        ("P1", date(2024, 11, 15), d(1, 20), 100.0, "sjuk"),
        ("P2", d(1, 1), d(1, 31), 100.0, "sjuk"),
        ("P2", d(2, 4), d(3, 5), 100.0, "sjuk"),
        ("P3", d(1, 1), d(1, 5), 100.0, "sjuk"),
    )
    result = sl.compute_sick_leave(staff, rows, *JAN)
    assert result.long_term_sick_hours == pytest.approx(51 * FULL_DAY)
    assert result.long_term_share_pct == pytest.approx(100 * 51 / 56)
    assert sl.long_term_share_pct(staff, rows, *JAN) == pytest.approx(100 * 51 / 56)


def test_a_case_of_59_days_is_not_long_but_60_is():
    # 1 Jan – 28 Feb 2025 = 59 days; 1 Jan – 1 Mar = 60 days.
    staff = employments(full_time())
    short = absences(("P1", d(1, 1), d(2, 28), 100.0, "sjuk"))
    long = absences(("P1", d(1, 1), d(3, 1), 100.0, "sjuk"))
    assert sl.long_term_share_pct(staff, short, *JAN) == 0
    assert sl.long_term_share_pct(staff, long, *JAN) == 100


def test_days_without_working_time_join_cases():
    # Employed from 1 Feb; sick 20–31 Jan (no hours) and 3 Feb – 31 Mar (D+3: joined). The case runs
    # 20 Jan – 31 Mar = 12 + 28 + 31 = 71 days, so February's 26 sick days are long-term.
    staff = employments(full_time(start=d(2, 1)))
    rows = absences(("P1", d(1, 20), d(1, 31), 100.0, "sjuk"), ("P1", d(2, 3), d(3, 31), 100.0, "sjuk"))
    result = sl.compute_sick_leave(staff, rows, d(2, 1), d(2, 28))
    assert result.sick_hours == pytest.approx(26 * FULL_DAY)
    assert result.long_term_share_pct == pytest.approx(100)


# --- Healthy attendance --------------------------------------------------------------------------


def test_healthy_attendance_half_the_days_rule():
    # January has 31 days; counted persons work at least half of them: 2 × days ≥ 31, so 16 days.
    # A: all January, never sick → counted, healthy.
    # B: 16–31 Jan (16 days), sick 1 day → counted; 1 day-equivalent: not healthy at N=0, healthy at N=5.
    # C: 1–15 Jan (15 days) → not counted.
    # D: all January, sick 10 days at 50 % → 5 day-equivalents: healthy at N=5 only.
    staff = employments(
        full_time(person="A"),
        full_time(person="B", start=d(1, 16)),
        full_time(person="C", end=d(1, 15)),
        full_time(person="D", rate=80.0),
    )
    rows = absences(("B", d(1, 20), d(1, 20), 100.0, "sjuk"), ("D", d(1, 11), d(1, 20), 50.0, "sjuk"))
    assert sl.healthy_attendance_pct(staff, rows, *JAN, n=0) == pytest.approx(100 / 3)  # A of A, B, D
    assert sl.healthy_attendance_pct(staff, rows, *JAN, n=5) == pytest.approx(100)


def test_day_equivalents_are_per_day_not_per_employment():
    # Two 50 % employments, sick 1 Jan at 100 %: the day's sick hours ÷ its ordinary hours = 1
    # day-equivalent (not 2), so the person is healthy with N=1 but not with N=0.
    staff = employments(full_time(rate=50.0), full_time(unit="U2", rate=50.0))
    rows = absences(("P1", d(1, 1), d(1, 1), 100.0, "sjuk"))
    assert sl.healthy_attendance_pct(staff, rows, *JAN, n=0) == 0
    assert sl.healthy_attendance_pct(staff, rows, *JAN, n=1) == 100


def test_healthy_attendance_without_anyone_counted_is_none():
    staff = employments(full_time(end=d(1, 3)))
    assert sl.healthy_attendance_pct(staff, absences(), *JAN) is None


def test_subtree_unit_ids():
    units = pl.DataFrame({"unit_id": ["R", "A", "B", "A1", "A1x"], "parent_id": [None, "R", "R", "A", "A1"]})
    assert sl.subtree_unit_ids(units, "A") == ["A", "A1", "A1x"]
    assert sl.subtree_unit_ids(units, "B") == ["B"]


# --- Properties ----------------------------------------------------------------------------------

BASE = date(2025, 1, 1)
periods = st.lists(
    st.tuples(
        st.sampled_from(["P1", "P2"]),
        st.integers(0, 80),
        st.integers(0, 20),
        st.sampled_from([25.0, 50.0, 100.0]),
    ),
    max_size=12,
)
jobs = st.lists(
    st.tuples(
        st.sampled_from(["P1", "P2"]),
        st.sampled_from(["U1", "U2"]),
        st.integers(0, 60),
        st.integers(0, 60),
        st.sampled_from([50.0, 75.0, 100.0]),
    ),
    min_size=1,
    max_size=4,
    unique_by=lambda job: (job[0], job[1], job[2]),
)


def as_absences(draws) -> pl.DataFrame:
    return absences(*[(p, BASE + timedelta(s), BASE + timedelta(s + n), e, "sjuk") for p, s, n, e in draws])


@settings(max_examples=40, deadline=None)
@given(jobs, periods)
def test_sick_hours_never_exceed_ordinary_hours(job_draws, absence_draws):
    staff = employments(
        *[
            (p, u, BASE + timedelta(s), BASE + timedelta(s + n), r, 40.0, "monthly")
            for p, u, s, n, r in job_draws
        ]
    )
    daily = sl.daily_hours(staff, as_absences(absence_draws), BASE, BASE + timedelta(90))
    assert (daily["sick_hours"] <= daily["ordinary_hours"] + 1e-12).all()
    result = sl.summarise(daily)
    # Sums of the same hours in another order may differ in the last bits.
    assert 0 <= result.long_term_sick_hours <= result.sick_hours + 1e-9
    assert result.sick_hours <= result.ordinary_hours + 1e-9


@settings(max_examples=60, deadline=None)
@given(periods)
def test_joining_cases_is_idempotent_and_leaves_gaps_of_at_least_six_days(absence_draws):
    cases = sl.join_sick_cases(sl.sick_records(as_absences(absence_draws)))
    again = sl.join_sick_cases(cases)
    assert again.sort("person_id", "start_date").equals(cases.sort("person_id", "start_date"))
    gaps = (
        cases.sort("person_id", "start_date")
        .with_columns(previous_end=pl.col("end_date").shift(1).over("person_id"))
        .drop_nulls("previous_end")
    )
    assert ((gaps["start_date"] - gaps["previous_end"]).dt.total_days() >= 6).all()


def test_metrics_and_generator_do_not_import_django():
    # kasam.metrics and kasam.synth are pure: benchmarks and workers use them without Django.
    code = "import sys, kasam.metrics.sickleave, kasam.synth; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
