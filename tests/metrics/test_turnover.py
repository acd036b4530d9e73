"""Staff turnover on hand-worked cases: of the persons with a monthly-paid employment in force on
1 January, the share whose every employment, hourly ones included, has ended by 31 December."""

from datetime import date

import polars as pl

from kasam.metrics.turnover import Turnover, turnover


def employments(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [{"person_id": p, "start_date": s, "end_date": e, "pay": pay} for p, s, e, pay in rows],
        schema={"person_id": pl.String, "start_date": pl.Date, "end_date": pl.Date, "pay": pl.String},
    )


def test_leavers_among_those_monthly_paid_on_1_january():
    """The old code gave 5 leavers over an average head count of 6 (83.33 %): it counted D, hired in
    the year, and G, who keeps an hourly job, as leavers, and averaged 1 January and 31 December.
    Hand-worked: in it A, B, C, G, H, I, J (7); left B, H, J (3); 3 / 7 = 42.857… %."""
    frame = employments(
        ("A", date(2020, 1, 1), None, "monthly"),  # stays
        ("B", date(2020, 1, 1), date(2025, 6, 30), "monthly"),  # leaves
        ("C", date(2020, 1, 1), date(2025, 3, 31), "monthly"),  # moves to another unit: stays
        ("C", date(2025, 4, 1), None, "monthly"),
        ("D", date(2025, 9, 1), date(2025, 12, 31), "monthly"),  # hired in the year: not in it
        ("E", date(2020, 1, 1), date(2025, 5, 31), "hourly"),  # hourly only: not in it
        ("F", date(2020, 1, 1), date(2024, 12, 31), "monthly"),  # left the year before: not in it
        ("G", date(2020, 1, 1), date(2025, 4, 30), "monthly"),  # keeps an hourly job: stays
        ("G", date(2020, 1, 1), None, "hourly"),
        ("H", date(2020, 1, 1), date(2025, 3, 31), "monthly"),  # hourly job ends on 31 December: leaves
        ("H", date(2025, 4, 1), date(2025, 12, 31), "hourly"),
        ("I", date(2020, 1, 1), date(2026, 1, 31), "monthly"),  # leaves next year: stays
        ("J", date(2025, 1, 1), date(2025, 5, 31), "monthly"),  # in force on 1 January: leaves
        ("L", date(2024, 1, 1), None, "hourly"),  # monthly-paid only from March: not in it
        ("L", date(2025, 3, 1), None, "monthly"),
    )
    found = turnover(frame, 2025)
    assert found == Turnover(leavers=3, headcount_start=7)
    assert abs(found.turnover_pct - 300 / 7) < 1e-9


def test_a_new_employment_after_the_year_means_not_left():
    """Rehired on 1 February next year: an employment that has not ended by 31 December, so the
    person has not left (a guard for the choice written in the function; the old code agreed)."""
    frame = employments(
        ("A", date(2020, 1, 1), date(2025, 10, 31), "monthly"),
        ("A", date(2026, 2, 1), None, "monthly"),
    )
    assert turnover(frame, 2025) == Turnover(leavers=0, headcount_start=1)


def test_no_staff_gives_no_figure():
    assert turnover(employments(), 2025).turnover_pct is None
