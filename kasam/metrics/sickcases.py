"""Sick cases and the person-level early signals built on them (docs/definitions.md "Sick cases",
"Bands" and what follows): bands, repeated short-term absence, the high-risk marker, markers of open cases and
returning after long absence. Pure Polars; the apps decide who may see which persons.

`cases` frames have one row per sick case: person_id, start_date, end_date, length (calendar days
over all data, the re-sickness rule applied), band.
"""

from datetime import date, timedelta

import polars as pl

from kasam.metrics.definitions import BANDS, CASE_MARKERS, SickLeaveSettings
from kasam.metrics.sickleave import join_sick_cases, sick_records


def band_expr(length: pl.Expr) -> pl.Expr:
    """The band label of a case length (BANDS)."""
    expr = pl.lit(BANDS[-1][0])
    for label, _first, last in reversed(BANDS[:-1]):
        expr = pl.when(length <= last).then(pl.lit(label)).otherwise(expr)
    return expr


def sick_cases(absences: pl.DataFrame, settings: SickLeaveSettings = SickLeaveSettings()) -> pl.DataFrame:
    """Every sick case of the persons in `absences`, over all their data, with its band."""
    cases = join_sick_cases(sick_records(absences), settings.resickness_gap_days)
    return cases.with_columns(band=band_expr(pl.col("length"))).sort("person_id", "start_date")


def _window(cases: pl.DataFrame, window_end: date, days: int) -> pl.DataFrame:
    first = window_end - timedelta(days=days - 1)
    return cases.filter(pl.col("start_date").is_between(first, window_end))


def repeated_short_term(
    cases: pl.DataFrame, window_end: date, settings: SickLeaveSettings = SickLeaveSettings()
) -> pl.DataFrame:
    """Per person with a case starting in the window (the `repeated_window_days` days up to and
    including `window_end`): short_cases (length ≤ `short_case_max_days`), all_cases, and the two
    signals – `repeated` (≥ `repeated_short_cases` short cases) and `high_risk` (≥ `high_risk_cases`
    cases of any length). A case's length counts all its days, also after the window (an open case
    counts with its expected end)."""
    short = pl.col("length") <= settings.short_case_max_days
    return (
        _window(cases, window_end, settings.repeated_window_days)
        .group_by("person_id")
        .agg(short_cases=short.sum().cast(pl.Int64), all_cases=pl.len().cast(pl.Int64))
        .with_columns(
            repeated=pl.col("short_cases") >= settings.repeated_short_cases,
            high_risk=pl.col("all_cases") >= settings.high_risk_cases,
        )
        .sort("person_id")
    )


def open_cases(
    cases: pl.DataFrame, today: date, settings: SickLeaveSettings = SickLeaveSettings()
) -> pl.DataFrame:
    """Cases open on `today` (started on or before it, last recorded day on or after it), with the
    case's calendar day today, the expected length (the record's end is what is expected), the
    markers passed and the next marker with its date.

    Choice: day 30 (return-to-work plan) applies only when at least `long_case_days` days are
    expected, as docs/definitions.md says; a next marker is given only when the case is expected to reach it
    – if a case is extended, its new record moves the expected end and the marker appears.
    """
    rows = []
    for case in cases.filter((pl.col("start_date") <= today) & (pl.col("end_date") >= today)).iter_rows(
        named=True
    ):
        day = (today - case["start_date"]).days + 1
        markers = [m for m in CASE_MARKERS if m != 30 or case["length"] >= settings.long_case_days]
        upcoming = [m for m in markers if day <= m <= case["length"]]
        next_marker = upcoming[0] if upcoming else None
        rows.append(
            {
                **case,
                "day": day,
                "passed_markers": [m for m in markers if m < day],
                "next_marker": next_marker,
                "next_marker_date": case["start_date"] + timedelta(days=next_marker - 1)
                if next_marker
                else None,
            }
        )
    schema = {
        **cases.schema,
        "day": pl.Int64,
        "passed_markers": pl.List(pl.Int64),
        "next_marker": pl.Int64,
        "next_marker_date": pl.Date,
    }
    return pl.DataFrame(rows, schema=schema).sort("person_id", "start_date")


def returning_after_long_absence(
    cases: pl.DataFrame, today: date, settings: SickLeaveSettings = SickLeaveSettings()
) -> pl.DataFrame:
    """Persons within the `return_window_days` days after a case of ≥ `long_case_days` days ended:
    the case, back_from (the first day back), days_back (1 on that day) and window_end (the last day
    of the window)."""
    ended = pl.col("end_date") < today
    within = today <= pl.col("end_date") + pl.duration(days=settings.return_window_days)
    return (
        cases.filter((pl.col("length") >= settings.long_case_days) & ended & within)
        .with_columns(
            back_from=pl.col("end_date") + pl.duration(days=1),
            days_back=(pl.lit(today) - pl.col("end_date")).dt.total_days(),
            window_end=pl.col("end_date") + pl.duration(days=settings.return_window_days),
        )
        .sort("person_id", "start_date")
    )
