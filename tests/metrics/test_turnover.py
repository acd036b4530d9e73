"""Staff turnover on a hand-worked case."""

from datetime import date

import polars as pl

from kasam.metrics.turnover import Turnover, turnover


def employments(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [{"person_id": p, "start_date": s, "end_date": e, "pay": pay} for p, s, e, pay in rows],
        schema={"person_id": pl.String, "start_date": pl.Date, "end_date": pl.Date, "pay": pl.String},
    )


def test_leavers_over_the_average_headcount():
    frame = employments(
        ("A", date(2020, 1, 1), None, "monthly"),  # stays
        ("B", date(2020, 1, 1), date(2025, 6, 30), "monthly"),  # leaves in 2025
        ("C", date(2020, 1, 1), date(2025, 3, 31), "monthly"),  # moves to another unit: not a leaver
        ("C", date(2025, 4, 1), None, "monthly"),
        ("D", date(2025, 9, 1), date(2025, 12, 31), "monthly"),  # joins and leaves on 31 December
        ("E", date(2020, 1, 1), date(2025, 5, 31), "hourly"),  # hourly staff do not count
        ("F", date(2020, 1, 1), date(2024, 12, 31), "monthly"),  # left the year before
    )
    found = turnover(frame, 2025)
    # 1 January: A, B, C (F left the day before); 31 December: A, C, D.
    assert found == Turnover(leavers=2, headcount_start=3, headcount_end=3)
    assert found.turnover_pct == 66.67


def test_no_staff_gives_no_figure():
    assert turnover(employments(), 2025).turnover_pct is None
