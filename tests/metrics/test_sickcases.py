"""Sick cases and early signals (docs/definitions.md "Sick cases" and what follows), hand-worked."""

from datetime import date, timedelta

import polars as pl

from kasam.metrics.definitions import REPEATED_SHORT_TERM_PRESETS
from kasam.metrics.sickcases import (
    band_expr,
    open_cases,
    repeated_short_term,
    returning_after_long_absence,
    sick_cases,
)

TODAY = date(2026, 11, 25)


def absences(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [{"person_id": p, "start_date": s, "end_date": e, "extent": 100.0, "kind": k} for p, s, e, k in rows]
    )


def cases(*rows) -> pl.DataFrame:
    """(person, first day, last day) → a cases frame as sick_cases returns it."""
    frame = pl.DataFrame([{"person_id": p, "start_date": s, "end_date": e} for p, s, e in rows])
    length = (pl.col("end_date") - pl.col("start_date")).dt.total_days() + 1
    return frame.with_columns(length=length).with_columns(band=band_expr(pl.col("length")))


def test_it_puts_each_length_in_its_band():
    lengths = [1, 14, 15, 59, 60, 89, 90, 179, 180, 364, 365, 800]
    labels = pl.select(band_expr(pl.Series(lengths))).to_series().to_list()
    assert labels == ["1-14", "1-14", "15-59", "15-59", "60-89", "60-89", "90-179", "90-179"] + [
        "180-364",
        "180-364",
        "365-",
        "365-",
    ]


def test_it_joins_periods_five_days_apart_but_not_six_and_ignores_other_kinds():
    frame = absences(
        ("P1", date(2025, 3, 1), date(2025, 3, 10), "sjuk"),
        ("P1", date(2025, 3, 15), date(2025, 3, 20), "sjuk"),  # starts D+5 after 10 March: same case
        ("P1", date(2025, 3, 26), date(2025, 3, 27), "sjuk"),  # starts D+6 after 20 March: new case
        ("P1", date(2025, 3, 11), date(2025, 3, 14), "vab"),  # not sick leave
    )
    result = sick_cases(frame).select("start_date", "end_date", "length", "band").rows()
    assert result == [
        (date(2025, 3, 1), date(2025, 3, 20), 20, "15-59"),
        (date(2025, 3, 26), date(2025, 3, 27), 2, "1-14"),
    ]


def short_cases(person: str, starts: list[date]) -> list[tuple]:
    return [(person, start, start + timedelta(days=1)) for start in starts]


def test_six_short_cases_in_twelve_months_is_repeated_short_term_absence_five_is_not():
    window_first = TODAY - timedelta(days=364)  # the 365 days up to and including today
    six = short_cases("P1", [window_first + timedelta(days=30 * i) for i in range(6)])
    five = short_cases("P2", [window_first + timedelta(days=30 * i) for i in range(1, 6)])
    early = short_cases("P2", [window_first - timedelta(days=1)])  # one day before the window
    result = repeated_short_term(cases(*six, *five, *early), TODAY)
    assert result.rows() == [("P1", 6, 6, True, False), ("P2", 5, 5, False, False)]


def test_ten_cases_of_any_length_is_the_high_risk_marker():
    starts = [TODAY - timedelta(days=35 * i) for i in range(10)]
    rows = [("P1", s, s + timedelta(days=19 if i % 2 else 1)) for i, s in enumerate(starts)]
    # Five cases of 20 days are not short: 5 short cases, 10 in all.
    assert repeated_short_term(cases(*rows), TODAY + timedelta(days=30)).rows() == [
        ("P1", 5, 10, False, True)
    ]


def test_the_three_in_six_months_preset_uses_183_days():
    settings = REPEATED_SHORT_TERM_PRESETS["3-in-6"]
    first = TODAY - timedelta(days=182)
    rows = short_cases("P1", [first, first + timedelta(days=60), TODAY])
    assert repeated_short_term(cases(*rows), TODAY, settings)["repeated"].to_list() == [True]
    rows = short_cases("P1", [first - timedelta(days=1), first + timedelta(days=60), TODAY])
    assert repeated_short_term(cases(*rows), TODAY, settings)["repeated"].to_list() == [False]


def test_an_open_long_case_shows_the_markers_passed_and_the_return_to_work_plan_next():
    # 1 Nov – 31 Jan: 92 days expected; 25 Nov is day 25; days 8 and 15 passed; day 30 is 30 Nov.
    result = open_cases(cases(("P1", date(2026, 11, 1), date(2027, 1, 31))), TODAY).row(0, named=True)
    assert result["day"] == 25
    assert result["passed_markers"] == [8, 15]
    assert (result["next_marker"], result["next_marker_date"]) == (30, date(2026, 11, 30))


def test_a_short_open_case_reaches_day_8_but_has_no_day_30():
    frame = cases(
        ("P1", date(2026, 11, 20), date(2026, 11, 27)),  # day 6 today, 8 days expected → day 8 on 27 Nov
        ("P2", date(2026, 11, 5), date(2026, 11, 24)),  # ended yesterday: not open
        ("P3", date(2026, 11, 5), date(2026, 11, 30)),  # day 21 of 26: day 30 needs ≥ 60 expected → none
    )
    result = open_cases(frame, TODAY)
    assert result.select("person_id", "day", "next_marker", "next_marker_date").rows() == [
        ("P1", 6, 8, date(2026, 11, 27)),
        ("P3", 21, None, None),
    ]


def test_returning_after_long_absence_lasts_ninety_days_after_the_case():
    frame = cases(
        ("P1", date(2026, 6, 1), date(2026, 9, 30)),  # 122 days, ended 56 days ago
        ("P2", date(2026, 5, 1), date(2026, 8, 1)),  # 93 days, ended 116 days ago: window over
        ("P3", date(2026, 10, 1), date(2026, 11, 24)),  # 55 days: not long
    )
    result = returning_after_long_absence(frame, TODAY)
    assert result.select("person_id", "back_from", "days_back", "window_end").rows() == [
        ("P1", date(2026, 10, 1), 56, date(2026, 12, 29))
    ]
